package crawler.app;

import crawler.chaos.ChaosPlan;
import crawler.coord.CrawlLimits;
import crawler.exec.Mode;
import crawler.fetch.FetchConfig;
import crawler.frontier.FrontierLimits;
import crawler.frontier.PolitenessConfig;
import crawler.page.PageResult;
import crawler.report.CrawlSummary;
import crawler.report.ResultSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Settings and a collecting sink for crawling the fixture site in tests. */
final class TestCrawls {

    private TestCrawls() {
    }

    /** The crawler's defaults, but no per-host politeness: the fixture site is ours. */
    static CrawlSettings settings(Mode mode, int depth, int concurrency, int workers, int chaosKillEvery) {
        return CrawlSettings.builder(mode)
                .workers(workers)
                .pacing(new CrawlLimits(concurrency, 4, Duration.ofMinutes(2), Duration.ofSeconds(60)))
                .frontier(new FrontierLimits(depth, 0, 0))
                .politeness(PolitenessConfig.unlimited())
                .sitemaps(false, 1000)
                .fetch(FetchConfig.defaults())
                .chaos(ChaosPlan.killingWorkerEvery(chaosKillEvery))
                .build();
    }

    /** Crawl output: the results in arrival order, the summary and what was logged. */
    record Outcome(List<PageResult> results, CrawlSummary summary, String log) {
    }

    static Outcome crawl(CrawlSettings settings, String... seeds) {
        List<PageResult> results = Collections.synchronizedList(new ArrayList<>());
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        ResultSink sink = ResultSink.of(results::add);
        CrawlSummary summary = new CrawlJob(settings, log).run(List.of(seeds), sink, c -> { });
        return new Outcome(List.copyOf(results), summary, logBytes.toString(StandardCharsets.UTF_8));
    }
}
