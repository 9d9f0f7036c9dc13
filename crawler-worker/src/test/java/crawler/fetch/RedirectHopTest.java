package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.ErrorKind;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.url.UrlNormalizer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every redirect hop is judged before it is requested: its Location must be a URL the crawl can
 * use, and robots.txt and --exclude must allow it.
 */
class RedirectHopTest {

    private final MockWebServer server = new MockWebServer();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private volatile String location = "/";

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                requested.add(path);
                return switch (path) {
                    case "/robots.txt" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
                            .body("User-agent: *\nDisallow: /private/\n").build();
                    case "/bad" -> new MockResponse.Builder().code(302).addHeaderLenient("Location", location).build();
                    case "/to-private" -> new MockResponse.Builder().code(302).setHeader("Location", "/private/x")
                            .build();
                    case "/to-secret" -> new MockResponse.Builder().code(301).setHeader("Location", "/secret/y")
                            .build();
                    case "/to-open" -> new MockResponse.Builder().code(302).setHeader("Location", "/open").build();
                    default -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                            .body("<title>t</title><a href=\"/x\">x</a>").build();
                };
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static FetchConfig config(CrawlRules rules) {
        return FetcherTest.config(64 * 1024, Duration.ofSeconds(20), Duration.ofSeconds(5)).withRules(rules);
    }

    private PageResult process(CrawlRules rules, String path) {
        try (HttpPageProcessor p = new HttpPageProcessor(config(rules))) {
            return p.process(new PageTask(server.url(path).toString(), 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:0/x", "http://localhost:99999/y", "http://[::1/z", "ftp://example.com/",
        "javascript:alert(1)", "http://exa mple.com/", "http://%zz/", "http://a:-1/",
        "http://localhost:12345678901234567890/"})
    void malformedLocation_isABadRedirectResult_neverAnException(String bad) {
        location = bad;

        PageResult r = process(CrawlRules.NONE, "/bad");

        assertThat(r.error()).as("%s", bad).isNotNull();
        assertThat(r.error().kind()).isEqualTo(ErrorKind.BAD_REDIRECT);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.links()).isEmpty();
    }

    @Test
    void generatedLocations_eachGiveOneResult_neverAnException() {
        // A header value cannot hold a line break (it would end the header): those are left out.
        List<String> locations = new crawler.fixtures.HostileHrefs(7L).next(2_000).stream()
                .filter(l -> l.indexOf('\n') < 0 && l.indexOf('\r') < 0).toList();
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        try (HttpPageProcessor p = new HttpPageProcessor(config(new CrawlRules(false, Set.of(), true, List.of())))) {
            for (String generated : locations) {
                location = generated;
                PageResult r = p.process(new PageTask(server.url("/bad").toString(), 1));
                String outcome = r.ok() ? (r.links().isEmpty() ? "ok" : "ok-with-link")
                        : r.error().kind().name();
                outcomes.merge(outcome, 1, Integer::sum);
                // Only what a redirect can honestly end in: a crawlable target (followed, or handed
                // back as a link), a refusal, or nothing usable. Never a caught exception (IO).
                assertThat(outcome).as("Location %s: %s", generated, r.error())
                        .isIn("ok", "ok-with-link", "BAD_REDIRECT", "REDIRECT_DISALLOWED", "HTTP_4XX", "REDIRECT_LOOP",
                                "TOO_MANY_REDIRECTS");
            }
        }
        assertThat(outcomes).containsKeys("BAD_REDIRECT", "ok-with-link");
    }

    @Test
    void redirectIntoARobotsDisallowedPath_isNotRequested_andSaysWhy() {
        PageResult r = process(new CrawlRules(false, Set.of(), true, List.of()), "/to-private");

        assertThat(r.error()).isNotNull();
        assertThat(r.error().kind()).isEqualTo(ErrorKind.REDIRECT_DISALLOWED);
        assertThat(r.error().message()).contains("/private/x").contains("robots.txt");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.finalUrl()).isEqualTo(server.url("/to-private").toString());
        assertThat(requested).contains("/robots.txt").doesNotContain("/private/x");
    }

    @Test
    void redirectIntoAnExcludedUrl_isNotRequested_andSaysWhy() {
        PageResult r = process(new CrawlRules(false, Set.of(), true, List.of("/secret/")), "/to-secret");

        assertThat(r.error()).isNotNull();
        assertThat(r.error().kind()).isEqualTo(ErrorKind.REDIRECT_EXCLUDED);
        assertThat(r.status()).isEqualTo(301);
        assertThat(requested).doesNotContain("/secret/y");
    }

    @Test
    void allowedRedirect_isFollowed() {
        PageResult r = process(new CrawlRules(false, Set.of(), true, List.of("/secret/")), "/to-open");

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(r.finalUrl()).isEqualTo(new UrlNormalizer().normalize(server.url("/open").toString()).orElseThrow());
        assertThat(requested).contains("/open");
    }

    @Test
    void withoutRules_redirectsAreFollowedAsBefore_andRobotsIsNotAskedFor() {
        PageResult r = process(CrawlRules.NONE, "/to-private");

        assertThat(r.ok()).as("%s", r.error()).isTrue();
        assertThat(requested).contains("/private/x").doesNotContain("/robots.txt");
    }
}
