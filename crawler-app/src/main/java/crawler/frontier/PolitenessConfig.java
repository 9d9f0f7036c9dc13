package crawler.frontier;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-host limits, enforced by the coordinator for every mode alike (in process mode they hold
 * across all workers).
 *
 * @param maxPerHost        requests in flight to one host at once; 0 = no limit
 * @param minDelay          least time between the starts of two requests to one host
 * @param honourCrawlDelay  whether robots.txt Crawl-delay raises {@code minDelay} for its host
 * @param maxCrawlDelay     the largest Crawl-delay honoured (a site asking for an hour gets this)
 */
public record PolitenessConfig(int maxPerHost, Duration minDelay, boolean honourCrawlDelay, Duration maxCrawlDelay) {

    public PolitenessConfig {
        if (maxPerHost < 0) {
            throw new IllegalArgumentException("maxPerHost must be >= 0 (0 = unlimited), was " + maxPerHost);
        }
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxCrawlDelay, "maxCrawlDelay");
        if (minDelay.isNegative()) {
            throw new IllegalArgumentException("minDelay must not be negative, was " + minDelay);
        }
        if (maxCrawlDelay.isNegative()) {
            throw new IllegalArgumentException("maxCrawlDelay must not be negative, was " + maxCrawlDelay);
        }
    }

    /** What a site owner would accept from an unknown crawler: two connections, 250 ms apart. */
    public static PolitenessConfig polite() {
        return new PolitenessConfig(2, Duration.ofMillis(250), true, Duration.ofSeconds(10));
    }

    /** No per-host limit at all: for the project's own fixture site and benchmarks. */
    public static PolitenessConfig unlimited() {
        return new PolitenessConfig(0, Duration.ZERO, false, Duration.ZERO);
    }
}
