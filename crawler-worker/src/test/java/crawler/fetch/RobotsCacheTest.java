package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.ErrorKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RobotsCacheTest {

    private static final String ROBOTS = """
            User-agent: otherbot
            Disallow: /

            User-agent: crawlbench-test
            Disallow: /private/
            Crawl-delay: 2

            Sitemap: http://localhost/sitemap.xml
            """;

    @RegisterExtension
    final MockSite site = new MockSite(64 * 1024);
    private RobotsCache cache;

    @BeforeEach
    void start() {
        cache = new RobotsCache(site.fetcher(), "crawlbench-test/1 (tests)");
    }

    private static MockResponse robots(int code, String body) {
        return MockSite.response(code, "text/plain", body);
    }

    @Test
    void rulesForOurAgent_areApplied_withCrawlDelayInMillisAndSitemaps() {
        site.server.enqueue(robots(200, ROBOTS));

        RobotsPolicy policy = cache.policyFor(site.url("/any/page"));

        assertThat(policy.allows(site.url("/public/x"))).isTrue();
        assertThat(policy.allows(site.url("/private/x"))).isFalse();
        assertThat(policy.crawlDelayMillis()).isEqualTo(2000);
        assertThat(policy.sitemaps()).containsExactly("http://localhost/sitemap.xml");
        assertThat(policy.robotsUrl()).isEqualTo(site.url("/robots.txt"));
        assertThat(policy.status()).isEqualTo(200);
    }

    @Test
    void missingRobots_allowsAll_withoutCrawlDelay() {
        site.server.enqueue(robots(404, "nope"));

        RobotsPolicy policy = cache.policyFor(site.url("/"));

        assertThat(policy.allows(site.url("/private/x"))).isTrue();
        assertThat(policy.crawlDelayMillis()).isEqualTo(-1);
        assertThat(policy.deferVisits()).isFalse();
    }

    @Test
    void serverError_disallowsAndDefers() {
        site.server.enqueue(robots(500, "oops"));

        RobotsPolicy policy = cache.policyFor(site.url("/"));

        assertThat(policy.allows(site.url("/x"))).isFalse();
        assertThat(policy.deferVisits()).isTrue();
        assertThat(policy.fetchError()).isEqualTo(ErrorKind.HTTP_5XX);
    }

    @Test
    void robots_isFetchedOncePerHost_evenForConcurrentCallers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        site.server.setDispatcher(new Dispatcher() {
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
                String page = site.url("/p" + i);
                results.add(pool.submit(() -> {
                    started.countDown();
                    return cache.policyFor(page);
                }));
            }
            started.await(10, TimeUnit.SECONDS);
            release.countDown();
            for (Future<RobotsPolicy> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS).allows(site.url("/private/x"))).isFalse();
            }
        }
        assertThat(site.server.getRequestCount()).isEqualTo(1);
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
        site.server.enqueue(robots(200, robotsLongerThan500KiB()));

        RobotsPolicy policy = cache.policyFor(site.url("/"));

        assertThat(policy.allows(site.url("/private/x"))).isFalse();
        assertThat(policy.allows(site.url("/late/x"))).isTrue(); // past the first 500 KiB: never read
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
        site.server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
                .setHeader("Content-Encoding", "gzip").body(new okio.Buffer().write(zipped.toByteArray())).build());

        RobotsPolicy policy = cache.policyFor(site.url("/"));

        assertThat(policy.allows(site.url("/private/x"))).isFalse();
        assertThat(policy.allows(site.url("/open"))).isTrue();
    }

    @Test
    void productToken_isLowerCaseNameBeforeSlash() {
        assertThat(RobotsCache.productToken("CrawlBench/0.1 (x)")).isEqualTo("crawlbench");
        assertThat(RobotsCache.robotsUrl("http://Example.com:81/a/b?q=1#f")).isEqualTo("http://example.com:81/robots.txt");
    }
}
