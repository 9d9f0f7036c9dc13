package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.coord.CrawlLimits;
import crawler.exec.Mode;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crawl of a site that answers far more slowly than the time budget: the budget ends it, the
 * URLs still in flight are counted as abandoned, the watchdog names them, and no worker process
 * is left behind.
 */
class CrawlBudgetTest {

    @RegisterExtension
    static final FixtureSiteExtension SLOW_SITE =
            new FixtureSiteExtension(SiteSpec.wide(20, new Latency.Fixed(Duration.ofSeconds(20))));

    /** In process mode the abandoned URLs' workers are killed at the end; none may be left. */
    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void maxTime_stopsTheCrawl_andAbandonsWhatIsInFlight(Mode mode) {
        FixtureServer site = SLOW_SITE.server();
        // robots.txt is as slow as every page here; ignoring it lets the seed itself be the slow fetch.
        CrawlSettings base = TestCrawls.settings(mode, 1, 4, 2, 0);
        // The watchdog names the stuck seed after 2 s (and hands it out again); the budget ends the
        // crawl at 3 s, before a second stall would give up on it.
        CrawlSettings settings = base.toBuilder()
                .pacing(new CrawlLimits(4, 4, Duration.ofSeconds(3), Duration.ofSeconds(2)))
                .ignoreRobots(true)
                .build();

        TestCrawls.Outcome out = TestCrawls.crawl(settings, site.manifest().startUrl());

        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.MAX_TIME);
        assertThat(out.results()).as("nothing can finish: every page takes 20 s").isEmpty();
        assertThat(out.summary().abandoned()).isEqualTo(1);
        assertThat(out.log()).contains("watchdog").contains(site.manifest().startUrl());
    }
}
