package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.fetch.FetchConfig;
import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile pages of issue 6 crawled end to end in every mode, seeded directly at depth 1 with
 * short timeouts: each yields exactly one result, with the error kind or the bounded parse the
 * fetch unit gives it (see crawler-worker's HttpPageProcessorHostileTest), the crawl completes and
 * nothing leaves the site. Their links that stay on the site lead only to the start page.
 */
class HostileCrawlTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small().withHostile(true));

    /**
     * The endless body dribbles a chunk every 250 ms for 120 s, so the read timeout never trips: the
     * 8 s call timeout cuts it. 8 s, not less: a 3 MB page must still arrive whole on a busy machine.
     */
    private static final FetchConfig QUICK = new FetchConfig(FetchConfig.DEFAULT_USER_AGENT, Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(20), FetchConfig.defaults().maxBodyBytes(),
            5, 0, Duration.ofSeconds(1), false, 0, 4);

    private static List<FaultPage> hostilePages() {
        return Arrays.stream(FaultPage.values()).filter(p -> p.name().startsWith("HOSTILE_")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void hostilePages_eachYieldOneResult_withTheirExpectedOutcome_andTheCrawlCompletes(Mode mode) {
        FixtureServer site = SITE.server();
        CrawlSettings s = TestCrawls.settings(mode, 1, 4, 2, 0);
        CrawlSettings settings = s.toBuilder().fetch(QUICK).build();
        List<String> seeds = hostilePages().stream().map(p -> site.url(p.path())).toList();

        TestCrawls.Outcome out = TestCrawls.crawl(settings, seeds.toArray(String[]::new));

        List<String> urls = out.results().stream().map(PageResult::url).toList();
        assertThat(urls).doesNotHaveDuplicates();
        List<String> expectedUrls = new ArrayList<>(seeds);
        expectedUrls.add(site.baseUrl()); // linked from the deep, long-line, private-links and malformed-links pages
        assertThat(urls).containsExactlyInAnyOrderElementsOf(expectedUrls);
        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);

        Map<String, PageResult> byUrl = out.results().stream().collect(Collectors.toMap(PageResult::url,
                Function.identity()));
        for (FaultPage page : hostilePages()) {
            PageResult r = byUrl.get(site.url(page.path()));
            ExpectedPage expected = site.manifest().expected(site.url(page.path()));
            assertThat(r.error() == null ? null : r.error().kind().name()).as("%s: %s", page, r.error())
                    .isEqualTo(page.expectedErrorKind());
            assertThat(r.status()).as("%s status", page).isEqualTo(page.expectedStatus());
            assertThat(r.title()).as("%s title", page).isEqualTo(expected.title());
            assertThat(r.bytes()).as("%s bytes", page).isBetween(0L, QUICK.maxBodyBytes());
        }
        // Off-site links (100,000 to many.invalid, the redirect's target, private addresses) never reach
        // the frontier, nor do links no request can use; the start page is offered four times, queued once.
        assertThat(out.summary().admissions()).containsEntry("QUEUED", 12L).containsEntry("ALREADY_SEEN", 3L)
                .doesNotContainKey("OUT_OF_SCOPE");
        assertThat(urls).noneMatch(u -> u.contains("other.invalid") || u.contains("many.invalid"));
    }
}
