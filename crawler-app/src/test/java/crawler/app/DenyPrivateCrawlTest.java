package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --deny-private} against the hostile page that links to loopback, private and link-local
 * addresses. The page is the seed (host localhost, exempt as a seed host); an include pattern puts
 * every one of its targets in scope, so that only the gate stands between them and a fetch.
 */
class DenyPrivateCrawlTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small().withHostile(true));

    private static CrawlSettings settings(String include, boolean denyPrivate) {
        CrawlSettings s = TestCrawls.settings(Mode.VIRTUAL, 1, 4, 1, 0);
        return new CrawlSettings(s.mode(), s.workers(), s.pacing(), s.frontier(), List.of(Pattern.compile(include)),
                s.excludes(), s.trapGuard(), s.politeness(), s.ignoreRobots(), s.sitemaps(), s.maxSitemapUrls(),
                s.fetch(), s.workerJvmOptions(), 0, s.chaos(), denyPrivate);
    }

    @Test
    void denyPrivate_refusesEveryPrivateTarget_butCrawlsTheSeedHost() {
        FixtureServer site = SITE.server();
        String page = site.url(FaultPage.HOSTILE_PRIVATE_LINKS.path());

        TestCrawls.Outcome out = TestCrawls.crawl(
                settings("^http://(127\\.|10\\.|172\\.16\\.|192\\.168\\.|169\\.254\\.|\\[::1\\])", true), page);

        assertThat(out.results()).extracting(PageResult::url).containsExactlyInAnyOrder(page, site.baseUrl());
        // 127.0.0.1:PORT/ and /l1/p1.html, [::1]:PORT, 10.0.0.1, 192.168.1.1, 172.16.0.1:8080, 169.254.169.254
        assertThat(out.summary().admissions()).containsEntry("DENIED_PRIVATE", 7L);
        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
    }

    @Test
    void withoutDenyPrivate_theSameLoopbackTargetsAreFetched() {
        FixtureServer site = SITE.server();
        String page = site.url(FaultPage.HOSTILE_PRIVATE_LINKS.path());
        String loopback = "http://127.0.0.1:" + site.port() + "/";

        // Only the loopback targets are put in scope: the crawl must not leave this machine.
        TestCrawls.Outcome out = TestCrawls.crawl(settings("^http://127\\.0\\.0\\.1:" + site.port() + "/", false), page);

        assertThat(out.results()).extracting(PageResult::url).containsExactlyInAnyOrder(page, site.baseUrl(),
                loopback, loopback + "l1/p1.html");
        assertThat(out.summary().admissions()).doesNotContainKey("DENIED_PRIVATE");
    }
}
