package crawler.coord;

import java.time.Duration;
import java.util.Objects;

/**
 * How the coordinator paces a crawl, the same for every mode.
 *
 * @param concurrency   URLs in flight at once, over the whole crawl (all threads or workers)
 * @param batchSize     longest URL list handed to the executor in one go
 * @param maxTime       total time budget; {@code Duration.ZERO} = none
 * @param stallTimeout  how long without any result before the watchdog names the URLs holding the crawl and
 *                      hands them out again (once; a second stall records them as STALLED)
 */
public record CrawlLimits(int concurrency, int batchSize, Duration maxTime, Duration stallTimeout) {
    public CrawlLimits {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (maxTime.isNegative()) {
            throw new IllegalArgumentException("maxTime must not be negative, was " + maxTime);
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout must be positive, was " + stallTimeout);
        }
    }
}
