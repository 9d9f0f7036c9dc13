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

    /** Releases the HTTP client's threads and connections. */
    @Override
    void close();
}
