package crawler.exec.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-host politeness inside the member that owns the host: at most {@code concurrency} requests
 * in flight and request starts at least {@code delay} apart. Every batch of a host goes to the
 * owner of the host's key, so this local gate holds for the whole cluster, with no distributed
 * lock (the pattern StormCrawler, Nutch and Frontera use). The coordinator's frontier paces
 * hand-outs by the same rules; this gate is what keeps them when batches of one host arrive
 * together, e.g. re-run on a new owner after a member died. A Retry-After pause ({@link #pause})
 * holds here too, for the URLs of the host's batch that have not started yet; the coordinator's
 * frontier holds the host's URLs not handed out.
 *
 * <p>The gap comes with each batch: the coordinator's configured delay raised by the host's
 * robots.txt Crawl-delay once the coordinator has read it, so the owner keeps the same gap the
 * frontier paces by in every other mode.
 *
 * <p>Thread-safe. Callers are virtual threads, which may block here cheaply.
 */
final class HostGate {

    /** Waits out a politeness gap; injected so tests see the wait instead of sleeping it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final Map<String, Host> hosts = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    private static final class Host {
        final Semaphore slots;
        boolean started; // guarded by this
        long nextStartNanos; // guarded by this
        boolean paused; // guarded by this; whether pausedUntilNanos was ever set
        long pausedUntilNanos; // guarded by this; the end of the latest Retry-After pause

        Host(int concurrency) {
            slots = concurrency > 0 ? new Semaphore(concurrency, true) : null;
        }
    }

    HostGate() {
        this(System::nanoTime, TimeUnit.NANOSECONDS::sleep); // politeness itself, on a virtual thread
    }

    /** For tests: the clock and the wait. */
    HostGate(LongSupplier nanoClock, Sleeper sleeper) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /**
     * Blocks until a request to {@code host} may start under the given limits.
     *
     * @param concurrency requests in flight per host; 0 = no limit
     * @param delayNanos  least time between request starts (Crawl-delay included); 0 = none
     */
    void enter(String host, int concurrency, long delayNanos) throws InterruptedException {
        Host h = host(host, concurrency);
        if (h.slots != null) {
            h.slots.acquire();
        }
        // A Retry-After pause may arrive while this request waits for its start: it then waits
        // again, behind the pause, so only requests that had already started run inside it.
        while (true) {
            long wait;
            synchronized (h) {
                long now = nanoClock.getAsLong();
                long start = h.started && h.nextStartNanos - now > 0 ? h.nextStartNanos : now;
                h.started = true;
                h.nextStartNanos = start + Math.max(0, delayNanos);
                wait = start - now;
            }
            if (wait <= 0) {
                return;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                exit(host);
                throw e;
            }
            synchronized (h) {
                if (!h.paused || h.pausedUntilNanos - nanoClock.getAsLong() <= 0) {
                    return; // no pause holds the start this request waited for
                }
            }
        }
    }

    /**
     * The host answered a 429 or 503 with a Retry-After: no request to it starts here before
     * {@code millis} from now. A shorter pause never cuts a longer one.
     */
    void pause(String host, int concurrency, long millis) {
        if (millis <= 0) {
            return;
        }
        Host h = host(host, concurrency);
        synchronized (h) {
            long until = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(millis);
            if (!h.paused || until - h.pausedUntilNanos > 0) {
                h.pausedUntilNanos = until;
            }
            h.paused = true;
            if (!h.started || until - h.nextStartNanos > 0) {
                h.nextStartNanos = until;
            }
            h.started = true;
        }
    }

    /** The request to {@code host} that {@link #enter} let in has ended. */
    void exit(String host) {
        Host h = hosts.get(host);
        if (h != null && h.slots != null) {
            h.slots.release();
        }
    }

    private Host host(String host, int concurrency) {
        return hosts.computeIfAbsent(host, k -> new Host(concurrency));
    }
}
