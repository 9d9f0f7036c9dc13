package crawler.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.page.PageResult;
import crawler.page.PageTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReusableExecutorTest {

    /** A substrate that holds tasks until told to finish them, and remembers being shut down. */
    private static final class HeldTasks implements BatchExecutor {
        final ResultListener listener;
        final List<PageTask> held = new ArrayList<>();
        int shutdowns;

        HeldTasks(ResultListener listener) {
            this.listener = listener;
            listener.onEvent(new ExecEvent.WorkerStarted(1, 42, 1234));
        }

        @Override
        public void submit(Batch batch) {
            held.addAll(batch.tasks());
        }

        void finishAll() {
            held.forEach(t -> listener.onResult(new PageResult(t.url(), t.url(), t.depth(), 200, "text/html", 1, "t",
                    List.of(), null, 1, 0, 1, null, 1, 1, "t", false, null)));
            held.clear();
        }

        @Override
        public void shutdown(long graceMillis) {
            shutdowns++;
        }
    }

    /** Records what one crawl receives. */
    private static final class Received implements ResultListener {
        final List<String> urls = new ArrayList<>();
        final List<ExecEvent> events = new ArrayList<>();

        @Override
        public void onResult(PageResult result) {
            urls.add(result.url());
        }

        @Override
        public void onEvent(ExecEvent event) {
            events.add(event);
        }
    }

    private HeldTasks substrate;

    private ReusableExecutor reusable() {
        return new ReusableExecutor(l -> substrate = new HeldTasks(l));
    }

    @Test
    void secondCrawl_runsOnTheSameSubstrate_andGetsOnlyItsOwnResults() {
        ReusableExecutor reusable = reusable();
        Received first = new Received();
        BatchExecutor view = reusable.attach(first);
        view.submit(new Batch(0, List.of(new PageTask("http://a.test/1", 0))));
        substrate.finishAll();
        view.shutdown(1_000);

        Received second = new Received();
        BatchExecutor view2 = reusable.attach(second);
        view2.submit(new Batch(1, List.of(new PageTask("http://a.test/2", 0))));
        substrate.finishAll();
        view2.shutdown(1_000);

        assertThat(first.urls).containsExactly("http://a.test/1");
        assertThat(second.urls).containsExactly("http://a.test/2");
        assertThat(substrate.shutdowns).isZero();
        reusable.close();
        assertThat(substrate.shutdowns).isEqualTo(1);
    }

    @Test
    void startUpEvents_reachTheFirstCrawlOnly() {
        ReusableExecutor reusable = reusable();
        Received first = new Received();
        reusable.attach(first).shutdown(0);
        Received second = new Received();
        reusable.attach(second);
        assertThat(first.events).containsExactly(new ExecEvent.WorkerStarted(1, 42, 1234));
        assertThat(second.events).isEmpty();
    }

    @Test
    void crawlEndingWithWorkOutstanding_shutsTheSubstrateDown_andItCannotBeReused() {
        ReusableExecutor reusable = reusable();
        BatchExecutor view = reusable.attach(new Received());
        view.submit(new Batch(0, List.of(new PageTask("http://a.test/1", 0))));
        view.shutdown(1_000);
        assertThat(substrate.shutdowns).isEqualTo(1);
        assertThatThrownBy(() -> reusable.attach(new Received())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("work outstanding");
    }

    @Test
    void twoCrawlsAtOnce_areRefused() {
        ReusableExecutor reusable = reusable();
        reusable.attach(new Received());
        assertThatThrownBy(() -> reusable.attach(new Received())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another crawl");
    }
}
