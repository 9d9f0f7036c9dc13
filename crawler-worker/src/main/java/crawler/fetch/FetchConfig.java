package crawler.fetch;

import crawler.archive.WarcConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the fetch-and-parse unit behaves. Immutable; checked when built, so a bad value fails at
 * start-up with the value in the message rather than deep inside a crawl.
 *
 * @param userAgent        sent with every request and matched against robots.txt groups
 * @param connectTimeout   TCP connect limit
 * @param readTimeout      longest silence between two reads
 * @param callTimeout      limit on one HTTP exchange, body included
 * @param urlDeadline      limit on everything done for one URL: redirects, retries and back-off
 * @param maxBodyBytes     decoded body cap; a longer body is cut and marked TOO_LARGE
 * @param maxRedirects     same-host redirects followed before TOO_MANY_REDIRECTS
 * @param maxRetries       extra attempts for 429, 503 and connection failures
 * @param maxRetryAfter    longest Retry-After honoured; a longer one ends the retries
 * @param followNofollow   whether links marked rel=nofollow are reported
 * @param cpuWorkRounds    extra per-page CPU work (hash rounds over the text) for CPU-bound runs; 0 = none
 * @param maxIdleConnections connection-pool size; set it to the concurrency so bursts reuse sockets
 * @param warc             where this process writes its WARC files; null = no WARC output
 * @param rules            what every request must respect (--deny-private, robots.txt and
 *                         --exclude on redirect hops); null means {@link CrawlRules#NONE}
 */
public record FetchConfig(
        String userAgent,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        Duration urlDeadline,
        long maxBodyBytes,
        int maxRedirects,
        int maxRetries,
        Duration maxRetryAfter,
        boolean followNofollow,
        int cpuWorkRounds,
        int maxIdleConnections,
        WarcConfig warc,
        CrawlRules rules) {

    public static final String DEFAULT_USER_AGENT = "crawlbench/0.1 (concurrency-model benchmark crawler)";

    /** Without WARC output. */
    public FetchConfig(String userAgent, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                       Duration urlDeadline, long maxBodyBytes, int maxRedirects, int maxRetries,
                       Duration maxRetryAfter, boolean followNofollow, int cpuWorkRounds, int maxIdleConnections) {
        this(userAgent, connectTimeout, readTimeout, callTimeout, urlDeadline, maxBodyBytes, maxRedirects, maxRetries,
                maxRetryAfter, followNofollow, cpuWorkRounds, maxIdleConnections, null);
    }

    /** Without crawl rules. */
    public FetchConfig(String userAgent, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                       Duration urlDeadline, long maxBodyBytes, int maxRedirects, int maxRetries,
                       Duration maxRetryAfter, boolean followNofollow, int cpuWorkRounds, int maxIdleConnections,
                       WarcConfig warc) {
        this(userAgent, connectTimeout, readTimeout, callTimeout, urlDeadline, maxBodyBytes, maxRedirects, maxRetries,
                maxRetryAfter, followNofollow, cpuWorkRounds, maxIdleConnections, warc, CrawlRules.NONE);
    }

    public FetchConfig {
        rules = rules == null ? CrawlRules.NONE : rules;
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        requirePositive("callTimeout", callTimeout);
        requirePositive("urlDeadline", urlDeadline);
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1, was " + maxBodyBytes);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0, was " + maxRedirects);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (cpuWorkRounds < 0) {
            throw new IllegalArgumentException("cpuWorkRounds must be >= 0, was " + cpuWorkRounds);
        }
        if (maxIdleConnections < 1) {
            throw new IllegalArgumentException("maxIdleConnections must be >= 1, was " + maxIdleConnections);
        }
    }

    /** Defaults a site owner would accept and a crawl of ordinary pages needs. */
    public static FetchConfig defaults() {
        return new FetchConfig(DEFAULT_USER_AGENT, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 4L * 1024 * 1024, 5, 2,
                Duration.ofSeconds(10), false, 0, 64);
    }

    public FetchConfig withMaxIdleConnections(int n) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, callTimeout, urlDeadline, maxBodyBytes,
                maxRedirects, maxRetries, maxRetryAfter, followNofollow, cpuWorkRounds, n, warc, rules);
    }

    /** The same settings writing WARC files as {@code w} says (null = none). */
    public FetchConfig withWarc(WarcConfig w) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, callTimeout, urlDeadline, maxBodyBytes,
                maxRedirects, maxRetries, maxRetryAfter, followNofollow, cpuWorkRounds, maxIdleConnections, w, rules);
    }

    /** The same settings under {@code r}. */
    public FetchConfig withRules(CrawlRules r) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, callTimeout, urlDeadline, maxBodyBytes,
                maxRedirects, maxRetries, maxRetryAfter, followNofollow, cpuWorkRounds, maxIdleConnections, warc, r);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
