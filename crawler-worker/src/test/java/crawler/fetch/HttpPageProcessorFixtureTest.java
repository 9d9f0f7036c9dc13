package crawler.fetch;

import static crawler.fetch.ProcessorPerClass.kindName;
import static org.assertj.core.api.Assertions.assertThat;

import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import crawler.url.UrlNormalizer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fetch-and-parse unit against the fixture site, with the default fetch configuration. */
class HttpPageProcessorFixtureTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    private static final FetchConfig CONFIG = FetchConfig.defaults().withMaxIdleConnections(8);

    @RegisterExtension
    static final ProcessorPerClass PROCESSOR = new ProcessorPerClass(CONFIG);

    private static PageResult fetch(FixtureServer server, String path) {
        return PROCESSOR.process(server.url(path), 1);
    }

    @ParameterizedTest
    @EnumSource(value = FaultPage.class, mode = EnumSource.Mode.MATCH_NONE, names = "HOSTILE_.*")
    void everyFaultPage_yieldsItsExpectedKindAndStatus(FaultPage fault, FixtureServer server) {
        server.resetCounters(); // the 503-once page is stateful

        PageResult r = fetch(server, fault.path());

        assertThat(kindName(r)).as("%s: %s", fault, r.error()).isEqualTo(fault.expectedErrorKind());
        assertThat(r.status()).as("%s status", fault).isEqualTo(fault.expectedStatus());
    }

    @Test
    void everyReachablePage_matchesTheManifest(FixtureServer server) {
        server.resetCounters();
        Map<String, ExpectedPage> expected = server.manifest().reachable(10);
        assertThat(expected).hasSizeGreaterThan(20);

        for (ExpectedPage page : expected.values()) {
            PageResult r = PROCESSOR.process(page.url(), page.depth());

            assertThat(kindName(r)).as("%s error: %s", page.url(), r.error()).isEqualTo(page.errorKind());
            assertThat(r.status()).as("%s status", page.url()).isEqualTo(page.status());
            assertThat(r.title()).as("%s title", page.url()).isEqualTo(page.title());
            assertThat(SiteLinks.inScope(server, r)).as("%s links", page.url()).isEqualTo(page.outlinks());
            if (page.ok()) {
                // For a failed redirect chain the manifest keeps the linked URL, while we report the last
                // URL fetched (the brief's rule), so finalUrl is compared for successes only.
                assertThat(new UrlNormalizer().normalize(r.finalUrl())).as("%s finalUrl", page.url())
                        .contains(page.finalUrl());
            }
        }
    }

    @Test
    void windows1252Page_titleDecodesExactly(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.WINDOWS_1252.path());

        assertThat(r.title()).isEqualTo("Caf\u00e9 cr\u00e8me");
    }

    @Test
    void gzipBombAndHugeBody_readAtMostTheCap(FixtureServer server) {
        PageResult bomb = fetch(server, FaultPage.GZIP_BOMB.path());
        PageResult huge = fetch(server, FaultPage.TOO_LARGE.path());

        assertThat(bomb.bytes()).isPositive().isLessThanOrEqualTo(CONFIG.maxBodyBytes());
        assertThat(huge.bytes()).isEqualTo(CONFIG.maxBodyBytes());
        assertThat(huge.bodySha256()).hasSize(64);
    }

    @Test
    void unavailableOnce_isRetriedOnceAfterRetryAfter(FixtureServer server) {
        server.resetCounters();

        PageResult r = fetch(server, FaultPage.UNAVAILABLE_ONCE.path());

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(server.requestCount(FaultPage.UNAVAILABLE_ONCE.path())).isEqualTo(2);
    }

    @Test
    void tooManyRequests_givesUpAfterMaxRetries(FixtureServer server) {
        server.resetCounters();

        PageResult r = fetch(server, FaultPage.TOO_MANY_REQUESTS.path());

        assertThat(r.attempts()).isEqualTo(CONFIG.maxRetries() + 1);
        assertThat(server.requestCount(FaultPage.TOO_MANY_REQUESTS.path())).isEqualTo(3);
    }

    @Test
    void results_areStampedWithProcessAndThread(FixtureServer server) throws Exception {
        PageResult r;
        Thread t;
        PageResult[] holder = new PageResult[1];
        t = Thread.ofVirtual().name("fetch-v-test").start(() -> holder[0] = fetch(server, "/"));
        t.join();
        r = holder[0];

        assertThat(r.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(r.threadName()).isEqualTo("fetch-v-test");
        assertThat(r.threadId()).isEqualTo(t.threadId());
        assertThat(r.virtual()).isTrue();
        assertThat(r.workerId()).isNull();
        assertThat(r.url()).isEqualTo(server.url("/"));
    }

    @Test
    void robotsOfFixtureSite_areReadAndApplied(FixtureServer server) {
        try (Fetcher fetcher = new Fetcher(CONFIG)) {
            RobotsPolicy policy = new RobotsCache(fetcher, CONFIG.userAgent()).policyFor(server.baseUrl());

            assertThat(policy.status()).isEqualTo(200);
            for (String disallowed : server.manifest().disallowedByRobots()) {
                assertThat(policy.allows(disallowed)).as(disallowed).isFalse();
            }
            for (String ok : server.manifest().reachable(10).keySet()) {
                assertThat(policy.allows(ok)).as(ok).isTrue();
            }
        }
    }

    @Test
    void sitemapOfFixtureSite_listsTheManifestsUrls(FixtureServer server) {
        try (Fetcher fetcher = new Fetcher(CONFIG)) {
            assertThat(new SitemapReader(fetcher).urls(server.url("/sitemap.xml"), 100_000))
                    .containsExactlyElementsOf(server.manifest().sitemapUrls());
        }
    }
}
