package crawler.frontier;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-host admission: at most {@code maxPerHost} requests in flight and a minimum gap between
 * request starts (the larger of the configured delay and an honoured robots.txt Crawl-delay).
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

    /** Takes a slot for one request to the host if the limits allow it now. */
    public boolean tryAcquire(String hostKey) {
        HostState s = state(hostKey);
        long now = ticker.nanoTime();
        if (config.maxPerHost() > 0 && s.inFlight >= config.maxPerHost()) {
            return false;
        }
        if (s.started && now - s.nextStart < 0) {
            return false;
        }
        s.inFlight++;
        s.started = true;
        s.nextStart = now + s.delayNanos;
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
        if (!s.started) {
            return 0;
        }
        return Math.max(0, s.nextStart - ticker.nanoTime());
    }

    private HostState state(String hostKey) {
        return hosts.computeIfAbsent(hostKey, k -> new HostState(config.minDelay().toNanos()));
    }

    private static final class HostState {
        int inFlight;
        boolean started;
        long nextStart;
        long delayNanos;

        HostState(long delayNanos) {
            this.delayNanos = delayNanos;
        }
    }
}
