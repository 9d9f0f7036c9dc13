package crawler.app;

import crawler.coord.Coordinator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns Ctrl-C (SIGINT) or SIGTERM into an orderly stop: the running crawl is asked to stop, and
 * the JVM is held back (up to {@link #WAIT_SECONDS}) until this object is closed, i.e. until the
 * results file ends on a whole line, every worker process is gone and the summary is printed.
 */
final class GracefulStop implements AutoCloseable {

    static final long WAIT_SECONDS = 15;

    private final AtomicReference<Coordinator> running = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "ctrl-c");

    GracefulStop() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The crawl to stop when a signal comes. */
    void watch(Coordinator coordinator) {
        running.set(coordinator);
    }

    private void stop() {
        Coordinator c = running.get();
        if (c == null) {
            return;
        }
        c.requestStop();
        try {
            finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal arrived: the hook is running and was waiting for this close; nothing to remove.
        }
    }
}
