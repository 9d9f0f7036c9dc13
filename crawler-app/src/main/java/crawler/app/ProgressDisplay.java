package crawler.app;

import crawler.coord.Progress;
import crawler.exec.Threads;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One status line on a terminal, redrawn twice a second: pages done and queued, rate, errors.
 * Only used when stderr is a terminal and not in CI (see {@link #wanted}).
 */
final class ProgressDisplay implements AutoCloseable {

    private final PrintStream out;
    private final Supplier<Progress> source;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    ProgressDisplay(PrintStream out, Supplier<Progress> source) {
        this.out = out;
        this.source = source;
        this.thread = Threads.daemon("progress", this::loop);
        this.thread.start();
    }

    /**
     * True when a progress line helps a person: stderr is a terminal (the launcher passes
     * {@code -Dcrawler.stderr.tty=true} after testing it), not CI, not --quiet.
     */
    static boolean wanted(boolean quiet) {
        return !quiet && Boolean.getBoolean("crawler.stderr.tty") && System.getenv("CI") == null;
    }

    private void loop() {
        try {
            while (!stop.await(500, TimeUnit.MILLISECONDS)) {
                draw(source.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw(Progress p) {
        out.printf(Locale.ROOT, "\r\033[K%,d done (%,d failed) | %,d in flight | %,d queued | depth %d | %.0f pages/s",
                p.done(), p.failed(), p.inFlight(), p.queued(), p.depth(), p.pagesPerSecond());
        out.flush();
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.print("\r\033[K");
        out.flush();
    }
}
