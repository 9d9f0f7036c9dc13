package crawler.report;

import java.time.Duration;

/**
 * The shortest time an I/O-bound crawl can take when every response takes the same latency:
 * {@code max(ceil(pages / concurrency), levels) x latency} (DESIGN.md, "ideal time"). A flat
 * seed list is one level. Efficiency is ideal time over measured wall time; 1.0 is the limit.
 */
public final class IdealTime {

    private IdealTime() {
    }

    public static Duration of(long pages, int concurrency, int levels, Duration latency) {
        if (concurrency < 1 || levels < 1) {
            throw new IllegalArgumentException("concurrency and levels must be >= 1, were " + concurrency + ", " + levels);
        }
        long rounds = Math.max((pages + concurrency - 1) / concurrency, levels);
        return latency.multipliedBy(rounds);
    }

    /** Ideal over measured; NaN when nothing was measured. */
    public static double efficiency(Duration ideal, long wallMillis) {
        return wallMillis <= 0 ? Double.NaN : ideal.toNanos() / (wallMillis * 1e6);
    }
}
