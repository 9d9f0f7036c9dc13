package crawler.fetch;

import static crawler.fetch.ProcessorPerClass.kindName;
import static org.assertj.core.api.Assertions.assertThat;

import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.ErrorKind;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.url.UrlNormalizer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fetch-and-parse unit against the hostile pages of issue 6, with the default fetch
 * configuration (the endless body with short timeouts, so the test is quick): every page gives
 * its expected error kind or a bounded, correct parse, and nothing escapes as an exception.
 */
class HttpPageProcessorHostileTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small().withHostile(true));

    /** The manifest assumes robots.txt obeyed, redirect hops included. */
    private static final FetchConfig CONFIG = FetchConfig.defaults().withMaxIdleConnections(8)
            .withRules(new CrawlRules(false, java.util.Set.of(), true, List.of()));

    @RegisterExtension
    static final ProcessorPerClass PROCESSOR = new ProcessorPerClass(CONFIG);

    private static PageResult fetch(FixtureServer server, FaultPage page) {
        return PROCESSOR.process(server.url(page.path()), 3);
    }

    @ParameterizedTest
    @EnumSource(value = FaultPage.class, mode = EnumSource.Mode.MATCH_ALL, names = "HOSTILE_.*")
    void everyHostilePage_isLinkedAtDepthThree(FaultPage page, FixtureServer server) {
        ExpectedPage e = server.manifest().reachable(3).get(server.url(page.path()));

        assertThat(e).as(page.name()).isNotNull();
        assertThat(e.depth()).isEqualTo(3);
        assertThat(e.errorKind()).isEqualTo(page.expectedErrorKind());
        assertThat(e.status()).isEqualTo(page.expectedStatus());
    }

    @ParameterizedTest
    // The endless body would take the whole 30 s default call timeout: see endlessBody_isCutByTheCallTimeout.
    @EnumSource(value = FaultPage.class, mode = EnumSource.Mode.MATCH_ALL, names = "HOSTILE_(?!ENDLESS).*")
    void everyHostilePageButTheEndlessOne_matchesTheManifestWithinTheCap(FaultPage page, FixtureServer server) {
        ExpectedPage expected = server.manifest().expected(server.url(page.path()));

        PageResult r = fetch(server, page);

        assertThat(kindName(r)).as("%s: %s", page, r.error()).isEqualTo(page.expectedErrorKind());
        assertThat(r.status()).as("%s status", page).isEqualTo(page.expectedStatus());
        assertThat(r.title()).as("%s title", page).isEqualTo(expected.title());
        assertThat(SiteLinks.inScope(server, r)).as("%s links", page).isEqualTo(expected.outlinks());
        assertThat(r.bytes()).as("%s bytes", page).isBetween(0L, CONFIG.maxBodyBytes());
    }

    @Test
    void manyLinks_yieldsExactlyTheHundredThousandDistinctTargets(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.HOSTILE_MANY_LINKS);

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.links()).hasSize(100_000);
        Set<String> expected = IntStream.range(0, 100_000).mapToObj(i -> "http://many.invalid/" + i)
                .collect(Collectors.toSet());
        assertThat(new HashSet<>(r.links())).isEqualTo(expected);
        assertThat(r.links().get(0)).isEqualTo("http://many.invalid/0"); // page order kept
    }

    @Test
    void deepNesting_parsesWithTitleAndTheLinkAtTheBottom(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.HOSTILE_DEEP_NESTING);

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.title()).isEqualTo("Deep nesting");
        assertThat(r.links()).containsExactly(server.baseUrl());
    }

    @Test
    void hugeSingleLine_isCutAtTheCapExactly(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.HOSTILE_HUGE_LINE);

        assertThat(r.error().kind()).isEqualTo(ErrorKind.TOO_LARGE);
        assertThat(r.bytes()).isEqualTo(CONFIG.maxBodyBytes());
        assertThat(r.links()).isEmpty();
    }

    @Test
    void longSingleLine_underTheCap_parsesWhole(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.HOSTILE_LONG_LINE);

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.bytes()).isEqualTo(3_000_000);
        assertThat(r.title()).isEqualTo("One long line");
        assertThat(r.links()).containsExactly(server.baseUrl());
    }

    @Test
    void randomBytesAsHtml_parseToNoTitleAndNoLinks(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.HOSTILE_RANDOM_BYTES);

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.bytes()).isEqualTo(64 * 1024);
        assertThat(r.title()).isNull();
        assertThat(r.links()).isEmpty();
        assertThat(r.contentType()).isEqualTo("text/html");
    }

    @Test
    void megabyteOfHeaders_isAMalformedResponseNotACrash(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.HOSTILE_HUGE_HEADERS);

        assertThat(r.error().kind()).as("%s", r.error()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(r.bytes()).isZero();
        assertThat(r.attempts()).isEqualTo(1); // not a kind worth retrying
    }

    @Test
    void redirectOffSite_isRecordedNotFollowed(FixtureServer server) {
        server.resetCounters();

        PageResult r = fetch(server, FaultPage.HOSTILE_REDIRECT_OFF_SITE);

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.links()).containsExactly("http://other.invalid/landing.html");
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(server.requestCount(FaultPage.HOSTILE_REDIRECT_OFF_SITE.path())).isEqualTo(1);
    }

    @Test
    void privateAddressLinks_areReportedForTheFrontierToJudge(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.HOSTILE_PRIVATE_LINKS);

        UrlNormalizer n = new UrlNormalizer();
        int port = server.port();
        List<String> expected = List.of("http://127.0.0.1:" + port + "/", "http://127.0.0.1:" + port + "/l1/p1.html",
                        "http://[::1]:" + port + "/", "http://10.0.0.1/", "http://192.168.1.1/admin",
                        "http://172.16.0.1:8080/", "http://169.254.169.254/latest/meta-data/",
                        "http://127.0.0.2:" + port + "/", "http://2130706433:" + port + "/",
                        "http://0x7f.1:" + port + "/", "http://0177.0.0.1:" + port + "/",
                        "http://100.100.100.200/latest/meta-data/", "http://[64:ff9b::a00:1]/", "http://[2002:a00:1::]/",
                        "http://[fd00::1]/", server.baseUrl())
                .stream().map(u -> n.normalize(u).orElseThrow()).toList();
        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.links()).containsExactlyElementsOf(expected);
        assertThat(SiteLinks.inScope(server, r)).containsExactly(server.baseUrl());
    }

    @Test
    void linksNoRequestCanUse_areDroppedByTheParse(FixtureServer server) {
        PageResult r = fetch(server, FaultPage.HOSTILE_MALFORMED_LINKS);

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.title()).isEqualTo("Malformed links");
        assertThat(r.links()).containsExactly(server.baseUrl());
    }

    @Test
    void endlessBody_isCutByTheCallTimeout(FixtureServer server) {
        // Chunks arrive every 250 ms, so the 1 s read timeout never fires; the 2 s call timeout must.
        FetchConfig quick = new FetchConfig(FetchConfig.DEFAULT_USER_AGENT, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), CONFIG.maxBodyBytes(), 5, 2,
                Duration.ofSeconds(1), false, 0, 2);
        try (HttpPageProcessor p = new HttpPageProcessor(quick)) {
            PageResult r = p.process(new PageTask(server.url(FaultPage.HOSTILE_ENDLESS_BODY.path()), 3));

            assertThat(r.error()).isNotNull();
            assertThat(r.error().kind()).as("%s", r.error()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(r.status()).isEqualTo(FaultPage.HOSTILE_ENDLESS_BODY.expectedStatus());
            assertThat(r.bytes()).isLessThanOrEqualTo(quick.maxBodyBytes());
            assertThat(r.attempts()).isEqualTo(1);
        }
    }
}
