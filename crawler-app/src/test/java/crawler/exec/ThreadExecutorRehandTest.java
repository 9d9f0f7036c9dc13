package crawler.exec;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The watchdog's remedies in the thread modes: a re-handed URL's running attempt is interrupted
 * and its result discarded, a new attempt runs, and the URL still yields exactly one result.
 */
class ThreadExecutorRehandTest {

    private static final String STUCK = "http://a.test/stuck";
    private static final long WAIT_S = 10;

    /** The first attempt at STUCK blocks until interrupted; every other call answers at once. */
    private static final class HangingOnce implements PageProcessor {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch firstRunning = new CountDownLatch(1);
        final CountDownLatch firstInterrupted = new CountDownLatch(1);

        @Override
        public PageResult process(PageTask task) {
            Thread t = Thread.currentThread();
            if (task.url().equals(STUCK) && calls.getAndIncrement() == 0) {
                firstRunning.countDown();
                try {
                    new CountDownLatch(1).await(); // hangs like a read that never ends
                } catch (InterruptedException e) {
                    firstInterrupted.countDown();
                }
                return result(task, "first attempt", t);
            }
            return result(task, "second attempt", t);
        }

        private static PageResult result(PageTask task, String title, Thread t) {
            return new PageResult(task.url(), task.url(), task.depth(), 200, "text/html", 0, title, List.of(), null, 0,
                    0, 1, null, ProcessHandle.current().pid(), t.threadId(), t.getName(), t.isVirtual(), null);
        }

        @Override
        public void close() {
        }
    }

    private static ThreadExecutor executor(String kind, PageProcessor processor, ResultListener listener) {
        return kind.equals("virtual") ? ThreadExecutor.virtualThreads(processor, listener)
                : ThreadExecutor.platformThreads(2, processor, listener);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "platform"})
    void rehand_interruptsTheStuckAttempt_andDeliversOneResult_fromTheNewOne(String kind) throws Exception {
        HangingOnce processor = new HangingOnce();
        BlockingQueue<PageResult> results = new LinkedBlockingQueue<>();
        ThreadExecutor executor = executor(kind, processor, results::add);
        try {
            executor.submit(new Batch(1, List.of(new PageTask(STUCK, 1))));
            assertThat(processor.firstRunning.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.holders(List.of(STUCK, "http://a.test/unknown")))
                    .containsOnlyKeys(STUCK).hasValueSatisfying(new org.assertj.core.api.Condition<>(
                            h -> h.startsWith("thread fetch-" + (kind.equals("virtual") ? "v" : "p") + "-"), "thread"));

            assertThat(executor.rehand(List.of(STUCK))).containsExactly(STUCK);

            assertThat(processor.firstInterrupted.await(WAIT_S, TimeUnit.SECONDS)).as("first attempt interrupted").isTrue();
            PageResult only = results.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(only).isNotNull();
            assertThat(only.title()).isEqualTo("second attempt");
        } finally {
            executor.shutdown(5_000);
        }
        assertThat(results).as("the dropped attempt delivered nothing").isEmpty();
        assertThat(processor.calls).hasValue(2);
        assertThat(executor.rehand(Set.of(STUCK))).as("nothing left to re-hand once delivered").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "platform"})
    void giveUp_interruptsTheAttempt_andDeliversNothing(String kind) throws Exception {
        HangingOnce processor = new HangingOnce();
        BlockingQueue<PageResult> results = new LinkedBlockingQueue<>();
        ThreadExecutor executor = executor(kind, processor, results::add);
        try {
            executor.submit(new Batch(1, List.of(new PageTask(STUCK, 1))));
            assertThat(processor.firstRunning.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

            executor.giveUp(List.of(STUCK));

            assertThat(processor.firstInterrupted.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.shutdown(5_000);
        }
        assertThat(results).isEmpty();
        assertThat(processor.calls).hasValue(1);
    }
}
