package crawler.exec;

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

    @Override
    default void close() {
        shutdown(5_000);
    }
}
