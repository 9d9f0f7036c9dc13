package crawler.exec;

import crawler.page.PageResult;

/**
 * Receives what an executor produces. Called from executor threads, possibly concurrently:
 * implementations must be thread-safe and quick (hand off, don't work).
 */
public interface ResultListener {

    /** Exactly once for every task ever submitted, whatever happened to the thread or process running it. */
    void onResult(PageResult result);

    /** Something a person or the summary should know about: a worker started, died, was replaced. */
    default void onEvent(ExecEvent event) {
    }
}
