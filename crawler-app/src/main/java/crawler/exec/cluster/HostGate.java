package crawler.exec.cluster;

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
 * <p>Thread-safe. Callers are virtual threads, which may block here cheaply.
 */
final class HostGate {

    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

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
     * @param delayNanos  least time between request starts; 0 = none
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
            long now = System.nanoTime();
            long start = Math.max(now, h.nextStartNanos);
            h.nextStartNanos = start + delayNanos;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait); // politeness itself, on a virtual thread
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
