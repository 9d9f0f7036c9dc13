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

    /**
     * A thread executor of one kind over {@link HangingOnce}, with the first attempt at STUCK
     * hanging; closing it shuts the executor down.
     */
    private static final class StuckAttempt implements AutoCloseable {
        final HangingOnce processor = new HangingOnce();
        final BlockingQueue<PageResult> results = new LinkedBlockingQueue<>();
        final ThreadExecutor executor;

        /** Returns once the first attempt at STUCK runs; shuts the executor down if it never does. */
        StuckAttempt(String kind) throws InterruptedException {
            executor = kind.equals("virtual") ? ThreadExecutor.virtualThreads(processor, results::add)
                    : ThreadExecutor.platformThreads(2, processor, results::add);
            boolean running = false;
            try {
                executor.submit(new Batch(1, List.of(new PageTask(STUCK, 1))));
                running = processor.firstRunning.await(WAIT_S, TimeUnit.SECONDS);
            } finally {
                if (!running) {
                    close();
                }
            }
            assertThat(running).as("first attempt at %s running", STUCK).isTrue();
        }

        @Override
        public void close() {
            executor.shutdown(5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "platform"})
    void rehand_interruptsTheStuckAttempt_andDeliversOneResult_fromTheNewOne(String kind) throws Exception {
        StuckAttempt stuck = new StuckAttempt(kind);
        try (stuck) {
            assertThat(stuck.executor.holders(List.of(STUCK, "http://a.test/unknown")))
                    .containsOnlyKeys(STUCK).hasValueSatisfying(new org.assertj.core.api.Condition<>(
                            h -> h.startsWith("thread fetch-" + (kind.equals("virtual") ? "v" : "p") + "-"), "thread"));

            assertThat(stuck.executor.rehand(List.of(STUCK))).containsExactly(STUCK);

            assertThat(stuck.processor.firstInterrupted.await(WAIT_S, TimeUnit.SECONDS)).as("first attempt interrupted")
                    .isTrue();
            PageResult only = stuck.results.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(only).isNotNull();
            assertThat(only.title()).isEqualTo("second attempt");
        }
        assertThat(stuck.results).as("the dropped attempt delivered nothing").isEmpty();
        assertThat(stuck.processor.calls).hasValue(2);
        assertThat(stuck.executor.rehand(Set.of(STUCK))).as("nothing left to re-hand once delivered").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "platform"})
    void giveUp_interruptsTheAttempt_andDeliversNothing(String kind) throws Exception {
        StuckAttempt stuck = new StuckAttempt(kind);
        try (stuck) {
            stuck.executor.giveUp(List.of(STUCK));

            assertThat(stuck.processor.firstInterrupted.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stuck.results).isEmpty();
        assertThat(stuck.processor.calls).hasValue(1);
    }
}
