package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RobotsCacheTest {

    private static final String ROBOTS = """
            User-agent: otherbot
            Disallow: /

            User-agent: crawlbench-test
            Disallow: /private/
            Crawl-delay: 2

            Sitemap: http://localhost/sitemap.xml
            """;

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private Fetcher fetcher;
    private RobotsCache cache;

    @BeforeEach
    void start() throws IOException {
        server.start();
        fetcher = new Fetcher(FetcherTest.config(64 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                time, time, time, Duration.ofMillis(1));
        cache = new RobotsCache(fetcher, "crawlbench-test/1 (tests)");
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private static MockResponse robots(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body(body).build();
    }

    @Test
    void rulesForOurAgent_areApplied_withCrawlDelayInMillisAndSitemaps() {
        server.enqueue(robots(200, ROBOTS));

        RobotsPolicy policy = cache.policyFor(url("/any/page"));

        assertThat(policy.allows(url("/public/x"))).isTrue();
        assertThat(policy.allows(url("/private/x"))).isFalse();
        assertThat(policy.crawlDelayMillis()).isEqualTo(2000);
        assertThat(policy.sitemaps()).containsExactly("http://localhost/sitemap.xml");
        assertThat(policy.robotsUrl()).isEqualTo(url("/robots.txt"));
        assertThat(policy.status()).isEqualTo(200);
    }

    @Test
    void missingRobots_allowsAll_withoutCrawlDelay() {
        server.enqueue(robots(404, "nope"));

        RobotsPolicy policy = cache.policyFor(url("/"));

        assertThat(policy.allows(url("/private/x"))).isTrue();
        assertThat(policy.crawlDelayMillis()).isEqualTo(-1);
        assertThat(policy.deferVisits()).isFalse();
    }

    @Test
    void serverError_disallowsAndDefers() {
        server.enqueue(robots(500, "oops"));

        RobotsPolicy policy = cache.policyFor(url("/"));

        assertThat(policy.allows(url("/x"))).isFalse();
        assertThat(policy.deferVisits()).isTrue();
        assertThat(policy.fetchError()).isEqualTo(ErrorKind.HTTP_5XX);
    }

    @Test
    void robots_isFetchedOncePerHost_evenForConcurrentCallers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(10, TimeUnit.SECONDS); // hold the one fetch until every caller is waiting
                return robots(200, ROBOTS);
            }
        });
        int callers = 16;
        List<Future<RobotsPolicy>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch started = new CountDownLatch(callers);
            for (int i = 0; i < callers; i++) {
                String page = url("/p" + i);
                results.add(pool.submit(() -> {
                    started.countDown();
                    return cache.policyFor(page);
                }));
            }
            started.await(10, TimeUnit.SECONDS);
            release.countDown();
            for (Future<RobotsPolicy> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS).allows(url("/private/x"))).isFalse();
            }
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(results.stream().map(f -> f.resultNow()).distinct()).hasSize(1);
    }

    /** Rules, then comment lines past 500 KiB, then a rule only a reader of the whole file would see. */
    private static String robotsLongerThan500KiB() {
        StringBuilder b = new StringBuilder("User-agent: *\nDisallow: /private/\n");
        while (b.length() < 600 * 1024) {
            b.append("# filler line to make this robots.txt longer than RFC 9309's 500 KiB\n");
        }
        return b.append("Disallow: /late/\n").toString();
    }

    @Test
    void robotsOver500KiB_isParsedFromItsFirst500KiB_notReadAsAllowAll() {
        server.enqueue(robots(200, robotsLongerThan500KiB()));

        RobotsPolicy policy = cache.policyFor(url("/"));

        assertThat(policy.allows(url("/private/x"))).isFalse();
        assertThat(policy.allows(url("/late/x"))).isTrue(); // past the first 500 KiB: never read
        assertThat(policy.fetchError()).isNull();
    }

    @Test
    void robotsTrippingTheDecompressionGuard_isParsedFromItsFirst500KiB_notReadAsAllowAll() throws IOException {
        byte[] plain = ("User-agent: *\nDisallow: /private/\n" + "\n".repeat(8 * 1024 * 1024))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
                .setHeader("Content-Encoding", "gzip").body(new okio.Buffer().write(zipped.toByteArray())).build());

        RobotsPolicy policy = cache.policyFor(url("/"));

        assertThat(policy.allows(url("/private/x"))).isFalse();
        assertThat(policy.allows(url("/open"))).isTrue();
    }

    @Test
    void productToken_isLowerCaseNameBeforeSlash() {
        assertThat(RobotsCache.productToken("CrawlBench/0.1 (x)")).isEqualTo("crawlbench");
        assertThat(RobotsCache.robotsUrl("http://Example.com:81/a/b?q=1#f")).isEqualTo("http://example.com:81/robots.txt");
    }
}
