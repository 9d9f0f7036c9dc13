package crawler.frontier;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-host admission: at most {@code maxPerHost} requests in flight and a minimum gap between
 * request starts (the larger of the configured delay and an honoured robots.txt Crawl-delay), and
 * no request start at all while the host's Retry-After pause runs ({@link #pause}).
 *
 * <p>Not thread-safe: it is confined to the coordinator thread, which is what makes the limits
 * hold across every execution mode, worker processes included.
 */
public final class Politeness {

    private final PolitenessConfig config;
    private final Ticker ticker;
    private final Map<String, HostState> hosts = new HashMap<>();

    public Politeness(PolitenessConfig config, Ticker ticker) {
        this.config = config;
        this.ticker = ticker;
    }

    /** Records a host's robots.txt Crawl-delay (milliseconds, negative = none). */
    public void crawlDelay(String hostKey, long crawlDelayMillis) {
        if (!config.honourCrawlDelay() || crawlDelayMillis <= 0) {
            return;
        }
        long capped = Math.min(crawlDelayMillis, config.maxCrawlDelay().toMillis());
        state(hostKey).delayNanos = Math.max(config.minDelay().toNanos(), capped * 1_000_000L);
    }

    /**
     * The host answered a 429 or 503 with a Retry-After of {@code millis}: no request to it may
     * start for that long from now, on any slot, whatever the configured limits (a server's own
     * request, so it holds even with the limits lifted). A shorter pause never cuts a longer one.
     */
    public void pause(String hostKey, long millis) {
        if (millis <= 0) {
            return;
        }
        state(hostKey).starts.pauseUntil(ticker.nanoTime() + millis * 1_000_000L);
    }

    /**
     * The least time between two request starts on the host: the configured delay, raised by its
     * robots.txt Crawl-delay once that is known. Cluster mode sends it with each batch, so the
     * member that owns the host keeps the same gap.
     */
    public Duration startGap(String hostKey) {
        HostState s = hosts.get(hostKey);
        return Duration.ofNanos(s == null ? config.minDelay().toNanos() : s.delayNanos);
    }

    /** Takes a slot for one request to the host if the limits allow it now. */
    public boolean tryAcquire(String hostKey) {
        HostState s = state(hostKey);
        long now = ticker.nanoTime();
        if (config.maxPerHost() > 0 && s.inFlight >= config.maxPerHost()) {
            return false;
        }
        if (!s.starts.mayStartAt(now)) {
            return false;
        }
        s.inFlight++;
        s.starts.book(now, s.delayNanos);
        return true;
    }

    /** Returns the slot taken by {@link #tryAcquire}. */
    public void release(String hostKey) {
        HostState s = state(hostKey);
        if (s.inFlight == 0) {
            throw new IllegalStateException("release without acquire for host " + hostKey);
        }
        s.inFlight--;
    }

    /**
     * Nanoseconds until the host may start a request: 0 when it may now, {@code Long.MAX_VALUE}
     * when it is at its in-flight limit (only a completion, not time, frees it).
     */
    public long nanosUntilReady(String hostKey) {
        HostState s = state(hostKey);
        if (config.maxPerHost() > 0 && s.inFlight >= config.maxPerHost()) {
            return Long.MAX_VALUE;
        }
        return s.starts.nanosUntilStart(ticker.nanoTime());
    }

    /**
     * What the per-host limits allow the given hosts together, and how many of them a server's
     * Retry-After pause holds now, for telling the user when these, not the crawl's concurrency,
     * set its pace.
     */
    public Pace pace(Collection<String> hostKeys) {
        long widestGap = 0;
        int paused = 0;
        long now = ticker.nanoTime();
        for (String host : hostKeys) {
            HostState s = state(host);
            widestGap = Math.max(widestGap, s.delayNanos);
            paused += s.starts.pausedAt(now) ? 1 : 0;
        }
        return new Pace(hostKeys.size(), config.maxPerHost(), Duration.ofNanos(widestGap), paused);
    }

    /**
     * The per-host limits in force over some hosts.
     *
     * @param hosts       hosts with URLs waiting
     * @param maxPerHost  requests in flight per host; 0 = no limit
     * @param startGap    least time between two request starts on one host (the largest over
     *                    the hosts, a robots.txt Crawl-delay included)
     * @param pausedHosts of those hosts, the ones whose server asked to wait (Retry-After) and
     *                    whose pause runs now
     */
    public record Pace(int hosts, int maxPerHost, Duration startGap, int pausedHosts) {

        /**
         * One sentence for the user: what holds the hosts back, naming the options that lift the
         * configured limits (a Retry-After is the server's own request: no option lifts it).
         *
         * @return the sentence, or null when neither a limit nor a pause applies
         */
        public String describe(int concurrency) {
            boolean limited = maxPerHost > 0 || !startGap.isZero();
            if (!limited && pausedHosts == 0) {
                return null;
            }
            StringBuilder b = new StringBuilder("per-host politeness, not --concurrency ").append(concurrency)
                    .append(", sets this crawl's pace: ");
            if (limited) {
                b.append(hostCount(hosts)).append(" with URLs waiting, each");
                if (maxPerHost > 0) {
                    b.append(" allowed ").append(maxPerHost).append(" requests in flight (--host-concurrency)");
                }
                if (!startGap.isZero()) {
                    double perSecond = hosts * 1e9 / startGap.toNanos();
                    b.append(maxPerHost > 0 ? " and" : "").append(" one request start every ")
                            .append(startGap.toMillis()).append("ms (--host-delay or robots.txt Crawl-delay)")
                            .append(String.format(Locale.ROOT, ", so at most %.1f pages/s", perSecond));
                }
            }
            if (pausedHosts > 0) {
                b.append(limited ? "; " : "").append(hostCount(pausedHosts)).append(" asked to wait (Retry-After)");
            }
            if (limited) {
                b.append("; on servers you own, --host-concurrency 0 --host-delay 0 lifts the limits");
            }
            return b.toString();
        }

        private static String hostCount(int n) {
            return n + (n == 1 ? " host" : " hosts");
        }
    }

    private HostState state(String hostKey) {
        return hosts.computeIfAbsent(hostKey, k -> new HostState(config.minDelay().toNanos()));
    }

    private static final class HostState {
        final HostStarts starts = new HostStarts();
        int inFlight;
        long delayNanos;

        HostState(long delayNanos) {
            this.delayNanos = delayNanos;
        }
    }
}
