package crawler.page;

/**
 * The unit of work every execution mode runs: fetch one URL, parse it, return what was found.
 *
 * <p>Implementations are thread-safe and meant to be shared by all threads of a process (one
 * HTTP client, one connection pool). {@link #process} never throws for a page-level failure: a
 * failure is a {@link PageResult} with a {@link PageError}.
 */
public interface PageProcessor extends AutoCloseable {

    PageResult process(PageTask task);

    /**
     * Asks the task {@code thread} is running in {@link #process} to end now: its HTTP call is
     * cancelled, so a fetch blocked where an interrupt cannot reach (a platform thread's socket
     * read) returns with a failure at once. May be called from any thread; does nothing if
     * {@code thread} runs no call. By default nothing can be cancelled.
     */
    default void cancel(Thread thread) {
    }

    /** Releases the HTTP client's threads and connections. */
    @Override
    void close();
}
