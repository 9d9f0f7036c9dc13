package crawler.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import crawler.exec.Batch;
import crawler.exec.ExecEvent;
import crawler.exec.ResultListener;
import crawler.fetch.FetchConfig;
import crawler.frontier.PolitenessConfig;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.ToWorker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A member's share of a batch ({@link ExecEvent.MemberBatch}) reaches the listener before the
 * batch's results: the coordinator may end the crawl on the last result, and the summary's
 * per-member counts must still add up to every result.
 */
class MemberShareOrderTest {

    private static final int PAGES = 6;

    @Test
    void everyResult_comesAfterTheMemberShareThatCountsIt() throws Exception {
        HttpServer site = TinySite.start();
        Calls calls = new Calls();
        try {
            ClusterExecutor crawl = new ClusterExecutor(ClusterConfig.embedded(),
                    new ToWorker.Config(0, PAGES, FetchConfig.defaults()), PolitenessConfig.unlimited(), calls,
                    new PrintStream(PrintStream.nullOutputStream()));
            try {
                String base = "http://127.0.0.1:" + site.getAddress().getPort() + "/p";
                // Two batches, so each one's share has to come before its own results, not just before the last.
                crawl.submit(new Batch(0, IntStream.range(0, PAGES / 2).mapToObj(i -> new PageTask(base + i, 1)).toList()));
                crawl.submit(new Batch(1, IntStream.range(PAGES / 2, PAGES).mapToObj(i -> new PageTask(base + i, 1)).toList()));
                for (int i = 0; i < PAGES; i++) {
                    assertThat(calls.results.poll(60, TimeUnit.SECONDS)).as("result %d", i).isNotNull();
                }
            } finally {
                crawl.shutdown(5_000);
            }
        } finally {
            site.stop(0);
        }

        List<Object> order = calls.snapshot();
        long shared = 0;
        long delivered = 0;
        for (Object call : order) {
            if (call instanceof ExecEvent.MemberBatch b) {
                shared += b.pages();
            } else if (call instanceof PageResult r) {
                delivered++;
                assertThat(shared).as("pages the members' shares counted when %s arrived (%s)", r.url(), kinds(order))
                        .isGreaterThanOrEqualTo(delivered);
            }
        }
        assertThat(shared).as("the members' shares add up to the results").isEqualTo(delivered).isEqualTo(PAGES);
    }

    private static List<String> kinds(List<Object> order) {
        return order.stream().map(c -> c instanceof ExecEvent.MemberBatch b ? "share " + b.pages()
                : c instanceof PageResult ? "result" : c.getClass().getSimpleName()).toList();
    }

    /** Every listener call, in the order it came. */
    private static final class Calls implements ResultListener {
        private final List<Object> order = new ArrayList<>();
        final BlockingQueue<PageResult> results = new LinkedBlockingQueue<>();

        @Override
        public void onResult(PageResult result) {
            synchronized (order) {
                order.add(result);
            }
            results.add(result);
        }

        @Override
        public void onEvent(ExecEvent event) {
            synchronized (order) {
                order.add(event);
            }
        }

        List<Object> snapshot() {
            synchronized (order) {
                return List.copyOf(order);
            }
        }
    }
}
