package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import crawler.coord.CrawlLimits;
import crawler.exec.Mode;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import crawler.report.CrawlSummary;
import crawler.report.ResultSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The coordinator never waits on the network: several hosts (loopback ports) whose robots.txt
 * does not answer until a latch opens, next to the fixture site, whose robots.txt answers at once.
 * The slow hosts' URLs wait in the frontier while the fast host is crawled; the latch opens only
 * when every fast page has its result, so the order of results is the evidence, not a clock.
 */
class SlowRobotsCrawlTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    private static final int SLOW_HOSTS = 5;
    private static final int FAST_PAGES = 10;
    /** Only a bound, so a coordinator that does wait cannot hang the test: the latch opens then anyway. */
    private static final long SAFETY_SECONDS = 60;

    private final CountDownLatch robotsMayAnswer = new CountDownLatch(1);
    private final AtomicInteger robotsAsked = new AtomicInteger();
    private final List<HttpServer> slowHosts = new ArrayList<>();

    @BeforeEach
    void startSlowHosts() throws IOException {
        for (int i = 0; i < SLOW_HOSTS; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange) {
                    if (exchange.getRequestURI().getPath().equals("/robots.txt")) {
                        robotsAsked.incrementAndGet();
                        awaitQuietly(robotsMayAnswer, SAFETY_SECONDS);
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    byte[] body = "<html><head><title>slow host</title></head><body>ok</body></html>"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            slowHosts.add(server);
        }
    }

    @AfterEach
    void stopSlowHosts() {
        robotsMayAnswer.countDown();
        slowHosts.forEach(s -> s.stop(0));
    }

    private static void awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> slowSeeds() {
        return slowHosts.stream().map(s -> "http://127.0.0.1:" + s.getAddress().getPort() + "/").toList();
    }

    private static CrawlSettings settings(Duration maxTime) {
        CrawlSettings s = TestCrawls.settings(Mode.VIRTUAL, 0, 8, 1, 0);
        return s.toBuilder().pacing(new CrawlLimits(8, 4, maxTime, Duration.ofSeconds(120))).build();
    }

    private record Run(List<PageResult> results, CrawlSummary summary) {
    }

    /** Crawls the slow hosts' seeds first, then the fast ones; hands each result to {@code onResult} as it comes. */
    private Run crawl(CrawlSettings settings, List<String> fastSeeds, Consumer<PageResult> onResult) {
        List<PageResult> results = Collections.synchronizedList(new ArrayList<>());
        List<String> seeds = new ArrayList<>(slowSeeds());
        seeds.addAll(fastSeeds);
        ResultSink sink = ResultSink.of(r -> {
            results.add(r);
            onResult.accept(r);
        });
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CrawlSummary summary = new CrawlJob(settings, log).run(seeds, sink, c -> { });
        return new Run(List.copyOf(results), summary);
    }

    @Test
    void slowRobotsOnSomeHosts_doNotHoldBackAReadyHost_whoseUrlsAreAllFetchedFirst() {
        FixtureServer site = SITE.server();
        List<String> fast = site.manifest().sitemapUrls().subList(0, FAST_PAGES);
        AtomicInteger fastDone = new AtomicInteger();
        AtomicBoolean openedByFastPages = new AtomicBoolean();
        Consumer<PageResult> openWhenFastPagesAreDone = r -> {
            if (fast.contains(r.url()) && fastDone.incrementAndGet() == FAST_PAGES && robotsMayAnswer.getCount() == 1) {
                openedByFastPages.set(true);
                robotsMayAnswer.countDown();
            }
        };

        Run run = crawl(settings(Duration.ofMinutes(2)), fast, openWhenFastPagesAreDone);

        // What came first: every fast page, while every slow robots.txt was still held.
        List<String> order = run.results().stream().map(PageResult::url).toList();
        assertThat(order).hasSize(FAST_PAGES + SLOW_HOSTS);
        assertThat(order.subList(0, FAST_PAGES)).containsExactlyInAnyOrderElementsOf(fast);
        assertThat(order.subList(FAST_PAGES, order.size())).containsExactlyInAnyOrderElementsOf(slowSeeds());
        assertThat(openedByFastPages).as("the latch was opened by the fast pages, not by the safety bound").isTrue();
        assertThat(run.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
        assertThat(run.results()).allMatch(PageResult::ok);
    }

    @Test
    void maxTime_endsTheCrawl_whileRobotsTxtIsStillHeld_andTheWaitingHostsGetNoResult() {
        FixtureServer site = SITE.server();
        List<String> fast = site.manifest().sitemapUrls().subList(0, FAST_PAGES);

        Run run = crawl(settings(Duration.ofSeconds(3)), fast, r -> { });
        boolean stillHeld = robotsMayAnswer.getCount() == 1;

        assertThat(run.summary().stopReason()).isEqualTo(crawler.report.StopReason.MAX_TIME);
        assertThat(stillHeld).as("the crawl ended before any slow robots.txt answered").isTrue();
        assertThat(robotsAsked.get()).as("each slow host's robots.txt was asked for").isEqualTo(SLOW_HOSTS);
        assertThat(run.results()).extracting(PageResult::url).doesNotContainAnyElementsOf(slowSeeds());
    }
}
