package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.fetch.FetchConfig;
import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.frontier.PolitenessConfig;
import crawler.page.PageResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One contract for every execution mode: crawling the fixture site yields exactly its ground
 * truth, page by page, the results show which processes and threads did the work, and a
 * {@code Retry-After} pauses its host.
 */
class CrawlModesContractTest {

    private static final int DEPTH = 3;

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    /** Worker processes, killed by chaos or not, must all be gone after each crawl. */
    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void crawl_yieldsExactlyTheGroundTruth_pageByPage(Mode mode) {
        FixtureServer site = SITE.server();
        site.resetCounters();
        TestCrawls.Outcome out = TestCrawls.crawl(TestCrawls.settings(mode, DEPTH, 8, 2, 0), site.manifest().startUrl());

        Map<String, ExpectedPage> expected = site.manifest().reachable(DEPTH);
        List<String> urls = out.results().stream().map(PageResult::url).toList();
        assertThat(urls).as("no URL reported twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(urls)).isEqualTo(expected.keySet());
        assertThat(urls).doesNotContainAnyElementsOf(site.manifest().disallowedByRobots())
                .doesNotContainAnyElementsOf(site.manifest().outOfScope());

        for (PageResult r : out.results()) {
            ExpectedPage e = expected.get(r.url());
            String kind = r.error() == null ? null : r.error().kind().name();
            assertThat(kind).as("error kind of %s (%s)", r.url(), r.error()).isEqualTo(e.errorKind());
            if (e.errorKind() == null || e.status() != 0) {
                assertThat(r.status()).as("status of %s", r.url()).isEqualTo(e.status());
            }
            if (e.errorKind() == null) {
                assertThat(r.finalUrl()).as("final URL of %s", r.url()).isEqualTo(e.finalUrl());
                assertThat(r.title()).as("title of %s", r.url()).isEqualTo(e.title());
                assertThat(new HashSet<>(r.links())).as("links of %s", r.url()).isEqualTo(e.outlinks());
            }
        }
        assertThat(out.summary().pages()).isEqualTo(expected.size());
        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
    }

    @Test
    void everyMode_fetchesTheSameBodies() {
        FixtureServer site = SITE.server();
        Map<Mode, Map<String, String>> hashes = new java.util.EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            site.resetCounters();
            TestCrawls.Outcome out = TestCrawls.crawl(TestCrawls.settings(mode, 2, 8, 2, 0), site.manifest().startUrl());
            hashes.put(mode, out.results().stream().filter(PageResult::ok)
                    .collect(Collectors.toMap(PageResult::url, r -> Objects.toString(r.bodySha256()))));
        }
        assertThat(hashes.get(Mode.PLATFORM)).isEqualTo(hashes.get(Mode.VIRTUAL));
        assertThat(hashes.get(Mode.PROCESS)).isEqualTo(hashes.get(Mode.VIRTUAL));
        assertThat(hashes.get(Mode.CLUSTER)).isEqualTo(hashes.get(Mode.VIRTUAL));
    }

    @Test
    void clusterMode_byDefault_runsOneMemberInThisJvm_onVirtualThreads() {
        FixtureServer site = SITE.server();
        TestCrawls.Outcome out = TestCrawls.crawl(TestCrawls.settings(Mode.CLUSTER, 2, 8, 2, 0), site.manifest().startUrl());
        assertThat(out.results()).isNotEmpty();
        assertThat(out.results()).extracting(PageResult::pid).containsOnly(ProcessHandle.current().pid());
        assertThat(out.results()).extracting(PageResult::virtual).containsOnly(true);
        assertThat(out.results()).extracting(PageResult::threadName).allMatch(n -> n.startsWith("fetch-v-"));
        assertThat(out.log()).contains("embedded in this JVM");
        assertThat(out.summary().members()).as("one member, this JVM, with the one host").hasSize(1)
                .hasEntrySatisfying(out.summary().members().keySet().iterator().next(), share -> {
                    assertThat(share.hosts()).isEqualTo(1);
                    assertThat(share.pages()).isEqualTo(out.summary().pages());
                    assertThat(share.batches()).isPositive();
                });
        assertThat(out.summary().members().keySet()).allMatch(m -> m.endsWith(" pid " + ProcessHandle.current().pid()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Mode.class, names = {"VIRTUAL", "PLATFORM"})
    void threadModes_runInOneProcess_onManyThreads(Mode mode) {
        FixtureServer site = SITE.server();
        TestCrawls.Outcome out = TestCrawls.crawl(TestCrawls.settings(mode, 2, 8, 2, 0), site.manifest().startUrl());
        long me = ProcessHandle.current().pid();
        assertThat(out.results()).extracting(PageResult::pid).containsOnly(me);
        assertThat(out.results().stream().map(PageResult::threadId).distinct().count()).isGreaterThan(1);
        assertThat(out.results()).extracting(PageResult::virtual).containsOnly(mode == Mode.VIRTUAL);
        assertThat(out.results()).extracting(PageResult::workerId).containsOnlyNulls();
        assertThat(out.results()).extracting(PageResult::threadName)
                .allMatch(n -> n.startsWith(mode == Mode.VIRTUAL ? "fetch-v-" : "fetch-p-"));
    }

    @Test
    void processMode_runsInOneProcessPerWorker_noneOfThemTheCoordinator() {
        FixtureServer site = SITE.server();
        TestCrawls.Outcome out = TestCrawls.crawl(TestCrawls.settings(Mode.PROCESS, 2, 8, 2, 0), site.manifest().startUrl());
        long me = ProcessHandle.current().pid();
        Map<Integer, Set<Long>> pidsByWorker = out.results().stream().collect(Collectors.groupingBy(
                PageResult::workerId, Collectors.mapping(PageResult::pid, Collectors.toSet())));
        assertThat(pidsByWorker).hasSize(2);
        assertThat(pidsByWorker.values()).allSatisfy(pids -> assertThat(pids).hasSize(1));
        Set<Long> pids = out.results().stream().map(PageResult::pid).collect(Collectors.toSet());
        assertThat(pids).hasSize(2).doesNotContain(me);
        assertThat(out.summary().workerStarts()).isEqualTo(2);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("worker %d gone after the crawl", pid).isFalse());
    }

    @Test
    void processMode_survivesKilledWorkers_withEveryUrlExactlyOnce() {
        FixtureServer site = SITE.server();
        site.resetCounters();
        TestCrawls.Outcome out = TestCrawls.crawl(TestCrawls.settings(Mode.PROCESS, DEPTH, 8, 2, 7),
                site.manifest().startUrl());
        List<String> urls = out.results().stream().map(PageResult::url).toList();
        assertThat(urls).doesNotHaveDuplicates();
        assertThat(new HashSet<>(urls)).isEqualTo(site.manifest().reachable(DEPTH).keySet());
        assertThat(out.summary().workerDeaths()).isGreaterThan(0);
        assertThat(out.summary().workerStarts()).isGreaterThan(2);
        assertThat(out.results()).extracting(r -> r.error() == null ? null : r.error().kind().name())
                .doesNotContain("WORKER_CRASH");
        assertThat(out.log()).contains("died");
        Map<Long, Long> perPid = out.results().stream().collect(Collectors.groupingBy(PageResult::pid, Collectors.counting()));
        assertThat(perPid.keySet()).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false)).isFalse());
    }

    @Test
    void sitemaps_seedTheCrawl_withinScope() {
        FixtureServer site = SITE.server();
        CrawlSettings base = TestCrawls.settings(Mode.VIRTUAL, 0, 8, 2, 0);
        CrawlSettings withSitemaps = base.toBuilder().sitemaps(true, 1000).build();
        TestCrawls.Outcome out = TestCrawls.crawl(withSitemaps, site.manifest().startUrl());
        Set<String> expected = new HashSet<>(site.manifest().sitemapUrls());
        expected.add(site.manifest().startUrl());
        expected.removeAll(site.manifest().disallowedByRobots());
        assertThat(out.results()).extracting(PageResult::url).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(out.results()).extracting(PageResult::depth).containsOnly(0);
        assertThat(out.log()).contains("sitemap");
    }

    /**
     * A 429 with {@code Retry-After: 1} pauses its whole host, in every mode: no other request to the
     * host reaches the site until a second after the 429 was served. The site serves one request of the
     * host at a time (one slot per host), so every request after the 429 was handed out after its result
     * came back, and the order of arrival at the site, on the test JVM's clock, is what is checked.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aTooManyRequestsAnswer_pausesEveryOtherRequestToItsHost_forItsRetryAfter(Mode mode) {
        FixtureServer site = SITE.server();
        site.resetCounters();
        String busy = site.manifest().urlOf(FaultPage.TOO_MANY_REQUESTS);
        List<String> seeds = new ArrayList<>();
        seeds.add(busy); // first, so the pages after it are the ones it must hold back
        site.manifest().reachable(1).values().stream()
                .filter(e -> e.ok() && !e.url().contains("/faults/") && !e.url().equals(busy))
                .map(e -> e.url()).sorted().limit(3).forEach(seeds::add);
        CrawlSettings base = TestCrawls.settings(mode, 0, 4, 2, 0);
        FetchConfig d = FetchConfig.defaults(); // no retry inside the fetch unit: the pause is the frontier's
        FetchConfig noRetries = new FetchConfig(d.userAgent(), d.connectTimeout(), d.readTimeout(), d.callTimeout(),
                d.urlDeadline(), d.maxBodyBytes(), d.maxRedirects(), 0, d.maxRetryAfter(), d.followNofollow(),
                d.cpuWorkRounds(), d.maxIdleConnections());
        CrawlSettings settings = base.toBuilder()
                .politeness(new PolitenessConfig(1, Duration.ZERO, false, Duration.ZERO))
                .fetch(noRetries)
                .build();

        TestCrawls.Outcome out = TestCrawls.crawl(settings, seeds.toArray(String[]::new));

        assertThat(out.results()).extracting(PageResult::url).containsExactlyInAnyOrderElementsOf(seeds);
        PageResult answer = out.results().stream().filter(r -> r.url().equals(busy)).findFirst().orElseThrow();
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.retryAfterMs()).isEqualTo(1_000);
        long served = site.requestTimes(busy).orElseThrow().lastNanos();
        long pauseEnds = served + TimeUnit.SECONDS.toNanos(1);
        int after = 0;
        for (String page : seeds.subList(1, seeds.size())) {
            FixtureServer.RequestTimes t = site.requestTimes(page).orElseThrow();
            if (t.firstNanos() > served) {
                after++;
                assertThat(t.firstNanos()).as("%s was requested %d ms after the 429, inside its 1 s pause", page,
                        TimeUnit.NANOSECONDS.toMillis(t.firstNanos() - served)).isGreaterThanOrEqualTo(pauseEnds);
            }
        }
        assertThat(after).as("pages of the host requested after the 429").isPositive();
    }
}
