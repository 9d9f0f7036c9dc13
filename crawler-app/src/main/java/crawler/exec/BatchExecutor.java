package crawler.exec;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Runs batches of URLs through the shared fetch-and-parse unit on one execution substrate.
 * Only the substrate differs between implementations; the work per URL is the same.
 *
 * <p>Contract: every task of every submitted batch produces exactly one
 * {@link ResultListener#onResult} call, even if a thread or worker process dies on it.
 * {@link #submit} does not block on the work itself. The coordinator calls {@code submit} and
 * {@code close} from one thread; results arrive on executor threads.
 */
public interface BatchExecutor extends AutoCloseable {

    /** Hands over a batch; its results arrive later through the listener. */
    void submit(Batch batch);

    /**
     * Stops the substrate: waits at most {@code graceMillis} for running work, then abandons it
     * (HTTP calls cancelled, threads interrupted, worker processes killed). An abandoned task gets
     * no result at all, never a made-up failure, so a stopped crawl's output holds only pages that
     * were really fetched. No fetch thread or child process outlives this call.
     */
    void shutdown(long graceMillis);

    /**
     * Who is running each of these in-flight URLs, in words for the watchdog's report, e.g.
     * {@code thread fetch-v-12 (pid 4242)}. URLs the executor cannot place are left out. Called
     * from the coordinator's thread; the default knows nothing.
     */
    default Map<String, String> holders(Collection<String> urls) {
        return Map.of();
    }

    /**
     * The watchdog's first remedy for URLs stuck in flight: stop the work running them and run them
     * again. The exactly-once contract still holds: each re-handed URL yields one result, from
     * whichever attempt the executor keeps. Returns the URLs it did re-hand (none by default: then
     * the watchdog goes straight to giving up on them at the next stall).
     */
    default Set<String> rehand(Collection<String> urls) {
        return Set.of();
    }

    /**
     * The watchdog's last remedy: the coordinator has recorded these URLs as failed itself. The
     * executor should stop their work and deliver nothing more for them if it can; anything it still
     * delivers is dropped by the coordinator. Does nothing by default.
     */
    default void giveUp(Collection<String> urls) {
    }

    @Override
    default void close() {
        shutdown(5_000);
    }
}
