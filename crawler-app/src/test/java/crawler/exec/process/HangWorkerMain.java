package crawler.exec.process;

import crawler.fetch.HttpPageProcessor;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.worker.WorkerMain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Test-only worker entry point: a real worker whose processor hangs past every timeout on the
 * first attempt, in this process, at the URL named by {@value #HANG_ON_URL}, as a fetch stuck
 * where no timeout reaches would. With {@value #WEDGED}{@code =true} the hang ignores cancels and
 * interrupts too (until {@link #WEDGE_LIMIT_MS}, so that nothing hangs for ever); otherwise a
 * cancel of its thread ends it with a failure.
 */
public final class HangWorkerMain {

    static final String HANG_ON_URL = "crawler.test.hangOnUrl";
    static final String WEDGED = "crawler.test.wedged";
    /** A wedged worker is killed long before this; the bound only keeps a broken test from hanging. */
    static final long WEDGE_LIMIT_MS = 120_000;

    private HangWorkerMain() {
    }

    public static void main(String[] args) {
        String url = System.getProperty(HANG_ON_URL);
        boolean wedged = Boolean.getBoolean(WEDGED);
        WorkerMain.serve(config -> new Hanging(new HttpPageProcessor(config), url, wedged));
    }

    private static final class Hanging implements PageProcessor {
        private final PageProcessor delegate;
        private final String url;
        private final boolean wedged;
        private final AtomicBoolean hungOnce = new AtomicBoolean();
        private final Map<Thread, CountDownLatch> cancels = new ConcurrentHashMap<>();

        Hanging(PageProcessor delegate, String url, boolean wedged) {
            this.delegate = delegate;
            this.url = url;
            this.wedged = wedged;
        }

        @Override
        public PageResult process(PageTask task) {
            if (!task.url().equals(url) || !hungOnce.compareAndSet(false, true)) {
                return delegate.process(task);
            }
            System.err.println("test: hanging on " + task.url() + (wedged ? " (wedged)" : " until cancelled"));
            if (wedged) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WEDGE_LIMIT_MS);
                while (System.nanoTime() < end) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // deaf to interrupts and cancels
                }
            } else {
                CountDownLatch cancelled = cancels.computeIfAbsent(Thread.currentThread(), t -> new CountDownLatch(1));
                try {
                    cancelled.await(WEDGE_LIMIT_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    cancels.remove(Thread.currentThread());
                }
            }
            Thread t = Thread.currentThread();
            return new PageResult(task.url(), task.url(), task.depth(), 0, null, 0, null, java.util.List.of(), null,
                    0, 0, 1, new PageError(ErrorKind.IO, "cancelled while hanging"), ProcessHandle.current().pid(),
                    t.threadId(), t.getName(), false, null);
        }

        @Override
        public void cancel(Thread thread) {
            CountDownLatch latch = cancels.get(thread);
            if (latch != null && !wedged) {
                latch.countDown();
            }
            delegate.cancel(thread);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
