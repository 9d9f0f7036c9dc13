package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Batch;
import crawler.exec.BatchExecutor;
import crawler.exec.Mode;
import crawler.exec.ThreadExecutor;
import crawler.fetch.FetchConfig;
import crawler.fetch.HttpPageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every mode has as many requests open at the server as URLs were handed to it, up to its
 * concurrency: none waits in a queue inside the executor or a worker while a thread is free.
 * Handed out in batches that do not divide the concurrency, so a batch must be split over the
 * worker processes to fill them.
 */
class ConcurrencyFilledTest {

    private static final int CONCURRENCY = 24;
    private static final int WORKERS = 2;
    private static final int BATCH_SIZE = 5;
    /** How long the server waits for all of them; the fetches' timeouts are longer, so none gives up first. */
    private static final long PATIENCE_S = 20;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void handingOutConcurrencyUrls_putsThemAllInFlightAtOnce(Mode mode) throws Exception {
        try (HoldingServer server = new HoldingServer(CONCURRENCY, PATIENCE_S)) {
            Collector collector = new Collector();
            BatchExecutor executor = executor(mode, collector);
            List<PageResult> results;
            try {
                List<PageTask> tasks = new ArrayList<>();
                for (int i = 0; i < CONCURRENCY; i++) {
                    tasks.add(new PageTask(server.url("/p" + i), 1));
                }
                for (int from = 0; from < tasks.size(); from += BATCH_SIZE) {
                    executor.submit(new Batch(from, tasks.subList(from, Math.min(tasks.size(), from + BATCH_SIZE))));
                }
                results = collector.take(CONCURRENCY);
            } finally {
                executor.shutdown(5_000);
            }

            assertThat(server.peak()).as("requests open at once in %s mode", mode).isEqualTo(CONCURRENCY);
            assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.url()).isEqualTo(200));
        }
    }

    private static BatchExecutor executor(Mode mode, Collector collector) {
        FetchConfig d = FetchConfig.defaults();
        FetchConfig fetch = new FetchConfig(d.userAgent(), d.connectTimeout(), Duration.ofSeconds(60),
                Duration.ofSeconds(90), Duration.ofSeconds(120), d.maxBodyBytes(), d.maxRedirects(), d.maxRetries(),
                d.maxRetryAfter(), false, 0, CONCURRENCY);
        return switch (mode) {
            case VIRTUAL -> ThreadExecutor.virtualThreads(new HttpPageProcessor(fetch), collector);
            case PLATFORM -> ThreadExecutor.platformThreads(CONCURRENCY, new HttpPageProcessor(fetch), collector);
            case PROCESS -> new ProcessExecutor(ProcessConfig.of(WORKERS, CONCURRENCY / WORKERS), fetch, collector);
            case CLUSTER -> new crawler.exec.cluster.ClusterExecutor(crawler.exec.cluster.ClusterConfig.embedded(),
                    new crawler.protocol.ToWorker.Config(0, CONCURRENCY, fetch),
                    crawler.frontier.PolitenessConfig.unlimited(), collector, System.err);
        };
    }
}
