package crawler.exec.cluster;

import crawler.frontier.Ticker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Per-host politeness inside the member that owns the host: at most {@code concurrency} requests
 * in flight and request starts at least {@code delay} apart. Every batch of a host goes to the
 * owner of the host's key, so this local gate holds for the whole cluster, with no distributed
 * lock (the pattern StormCrawler, Nutch and Frontera use). The coordinator's frontier paces
 * hand-outs by the same rules; this gate is what keeps them when batches of one host arrive
 * together, e.g. re-run on a new owner after a member died.
 *
 * <p>The gap comes with each batch: the coordinator's configured delay raised by the host's
 * robots.txt Crawl-delay once the coordinator has read it, so the owner keeps the same gap the
 * frontier paces by in every other mode.
 *
 * <p>Thread-safe. Callers are virtual threads, which may block here cheaply.
 */
final class HostGate {

    /** How the gate waits out a gap; injected so a test can see the waits without sleeping. */
    @FunctionalInterface
    interface Pause {
        void nanos(long nanos) throws InterruptedException;
    }

    private final Map<String, Host> hosts = new ConcurrentHashMap<>();
    private final Ticker ticker;
    private final Pause pause;

    HostGate() {
        this(Ticker.SYSTEM, TimeUnit.NANOSECONDS::sleep); // sleeping is politeness itself, on a virtual thread
    }

    HostGate(Ticker ticker, Pause pause) {
        this.ticker = ticker;
        this.pause = pause;
    }

    private static final class Host {
        final Semaphore slots;
        long nextStartNanos; // guarded by this

        Host(int concurrency) {
            slots = concurrency > 0 ? new Semaphore(concurrency, true) : null;
        }
    }

    /**
     * Blocks until a request to {@code host} may start under the given limits.
     *
     * @param concurrency requests in flight per host; 0 = no limit
     * @param delayNanos  least time between request starts (Crawl-delay included); 0 = none
     */
    void enter(String host, int concurrency, long delayNanos) throws InterruptedException {
        Host h = hosts.computeIfAbsent(host, k -> new Host(concurrency));
        if (h.slots != null) {
            h.slots.acquire();
        }
        if (delayNanos <= 0) {
            return;
        }
        long wait;
        synchronized (h) {
            long now = ticker.nanoTime();
            long start = Math.max(now, h.nextStartNanos);
            h.nextStartNanos = start + delayNanos;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                pause.nanos(wait);
            } catch (InterruptedException e) {
                exit(host);
                throw e;
            }
        }
    }

    /** The request to {@code host} that {@link #enter} let in has ended. */
    void exit(String host) {
        Host h = hosts.get(host);
        if (h != null && h.slots != null) {
            h.slots.release();
        }
    }
}
