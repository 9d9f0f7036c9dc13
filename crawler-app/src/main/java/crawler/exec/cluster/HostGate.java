package crawler.exec.cluster;

import crawler.frontier.HostStarts;
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
        final HostStarts starts = new HostStarts(); // guarded by this

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
                wait = h.starts.book(now, delayNanos) - now;
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
                if (!h.starts.pausedAt(nanoClock.getAsLong())) {
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
            h.starts.pauseUntil(nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(millis));
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
