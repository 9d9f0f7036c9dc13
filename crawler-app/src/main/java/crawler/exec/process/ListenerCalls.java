package crawler.exec.process;

import crawler.exec.ExecEvent;
import crawler.exec.ResultListener;
import crawler.page.PageResult;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Calls the crawl's {@link ResultListener}, so that a listener bug is logged and cannot kill the
 * thread that called it. Thread-safe if the listener is; never called holding the executor's lock.
 */
final class ListenerCalls {

    private final ResultListener listener;
    private final PrintStream log;

    ListenerCalls(ResultListener listener, PrintStream log) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.log = log;
    }

    void deliver(PageResult result) {
        try {
            listener.onResult(result);
        } catch (RuntimeException e) {
            // A listener bug must not kill a pipe reader: that would strand the worker's other results.
            log.println("process executor: result listener threw on " + result.url() + ": " + e);
        }
    }

    void fire(ExecEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.println("process executor: listener threw on " + event + ": " + e);
        }
    }

    /** No worker is live and none can be started: the crawl stops with {@code why}. */
    void substrateFailed(String why) {
        log.println("process executor: " + why);
        fire(new ExecEvent.SubstrateFailed(why));
    }
}
