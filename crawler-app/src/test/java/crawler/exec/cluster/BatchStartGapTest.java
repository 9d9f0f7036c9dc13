package crawler.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Batch;
import crawler.exec.ResultListener;
import crawler.fetch.FetchConfig;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import crawler.frontier.PolitenessConfig;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.ToWorker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gap between a host's request starts that the coordinator's frontier sets (its
 * {@code --host-delay}, raised by a robots.txt Crawl-delay) travels with each batch, and the member
 * owning the host keeps it: with politeness otherwise unlimited, the only thing spacing the
 * requests is the gap the batch carries.
 */
class BatchStartGapTest {

    private static final Duration GAP = Duration.ofMillis(300);

    @Test
    void owningMember_startsAHostsRequests_noCloserThanTheGapItsBatchCarries() throws Exception {
        try (FixtureServer site = FixtureServer.start(SiteSpec.wide(10, new Latency.None()))) {
            List<String> urls = site.manifest().sitemapUrls().subList(0, 3);
            BlockingQueue<PageResult> results = new LinkedBlockingQueue<>();
            ResultListener listener = results::add;
            ClusterExecutor crawl = new ClusterExecutor(ClusterConfig.embedded(),
                    new ToWorker.Config(0, urls.size(), FetchConfig.defaults()), PolitenessConfig.unlimited(), listener,
                    new PrintStream(PrintStream.nullOutputStream()));
            long submitted = System.nanoTime(); // the site and the member run in this JVM: one clock
            try {
                crawl.submit(new Batch(0, urls.stream().map(u -> new PageTask(u, 0)).toList(), host -> GAP));
                for (int i = 0; i < urls.size(); i++) {
                    PageResult r = results.poll(60, TimeUnit.SECONDS);
                    assertThat(r).as("result %d", i).isNotNull();
                    assertThat(r.status()).as(r.url()).isEqualTo(200);
                }
            } finally {
                crawl.shutdown(5_000);
            }
            List<Long> arrivals = urls.stream().map(u -> site.requestTimes(u).orElseThrow().firstNanos()).sorted().toList();
            for (int k = 1; k < arrivals.size(); k++) {
                // The k-th start is booked at least k gaps after the first, which came after the submit;
                // a request reaches the site after its start, however long the first one took to connect.
                assertThat(Duration.ofNanos(arrivals.get(k) - submitted)).as("request %d after the submit", k)
                        .isGreaterThanOrEqualTo(GAP.multipliedBy(k));
            }
        }
    }
}
