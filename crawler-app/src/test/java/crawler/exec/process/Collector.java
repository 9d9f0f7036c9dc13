package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.ExecEvent;
import crawler.exec.ResultListener;
import crawler.page.PageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener for tests: queues what arrives; can hold result delivery until a gate opens. */
final class Collector implements ResultListener {

    static final long WAIT_S = 60;

    final BlockingQueue<PageResult> results = new LinkedBlockingQueue<>();
    final BlockingQueue<ExecEvent> events = new LinkedBlockingQueue<>();
    private final CountDownLatch gate;

    /** Delivers at once. */
    Collector() {
        this(new CountDownLatch(0));
    }

    /** Each result waits (bounded) for {@code gate} before it is recorded, holding up its reader thread. */
    Collector(CountDownLatch gate) {
        this.gate = gate;
    }

    @Override
    public void onResult(PageResult result) {
        try {
            gate.await(WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        results.add(result);
    }

    @Override
    public void onEvent(ExecEvent event) {
        events.add(event);
    }

    /** Exactly the next {@code n} results, failing if one takes longer than {@value #WAIT_S} s. */
    List<PageResult> take(int n) throws InterruptedException {
        List<PageResult> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PageResult r = results.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(r).as("result %d of %d within %d s (got %s)", i + 1, n, WAIT_S, taken).isNotNull();
            taken.add(r);
        }
        return taken;
    }

    /**
     * Takes events until one of {@code type} comes, within {@value #WAIT_S} s; null if none came.
     * Events of other types taken on the way are dropped.
     */
    <T extends ExecEvent> T awaitEvent(Class<T> type) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < end) {
            ExecEvent e = events.poll(1, TimeUnit.SECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        return null;
    }

    <T extends ExecEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
