package crawler.app;

import crawler.chaos.ChaosPlan;
import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.exec.process.WorkerLauncher;
import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.ErrorKind;
import crawler.page.PageResult;
import crawler.protocol.Chaos;
import crawler.fixtures.Manifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Claim 8 (DESIGN.md): a task that exhausts its heap or throws an Error. In process mode only its
 * worker JVM dies, the crawl goes on and every URL is reported once; the URL itself caused the
 * death, so it is charged an attempt. In the thread modes a thrown Error is caught and reported as
 * that URL's failure. (Heap exhaustion in a thread mode takes the test JVM's own heap, so it is
 * shown by {@code crawler isolate} in child JVMs instead; see IsolationScenarioTest.)
 */
class FaultIsolationTest {

    private static final int DEPTH = 3;

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @AfterEach
    void noWorkerProcessOutlivesTheCrawl() {
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(WorkerLauncher.WORKER_MAIN))
                .map(ProcessHandle::pid).toList()).as("orphan worker processes").isEmpty();
    }

    /** Process mode, P workers of one thread each, worker heaps of 64 MiB. */
    private static CrawlSettings processMode(int workers, Chaos chaos) {
        CrawlSettings s = TestCrawls.settings(Mode.PROCESS, DEPTH, workers, workers, 0);
        return s.toBuilder().workerJvmOptions(List.of("-Xmx64m")).chaos(new ChaosPlan(0, chaos)).build();
    }

    /**
     * The ground truth of a crawl in which the pages in {@code failed} yielded no links: the
     * manifest's breadth-first walk, not expanding those pages.
     */
    static Set<String> reachableWithout(Manifest manifest, int depth, Set<String> failed) {
        Map<String, ExpectedPage> all = manifest.reachable(depth);
        Set<String> seen = new HashSet<>(List.of(manifest.startUrl()));
        List<String> level = List.of(manifest.startUrl());
        for (int d = 0; d < depth; d++) {
            List<String> next = new ArrayList<>();
            for (String url : level) {
                if (!failed.contains(url)) {
                    all.get(url).outlinks().stream().filter(all::containsKey).filter(seen::add).forEach(next::add);
                }
            }
            level = next;
        }
        return seen;
    }

    private static Set<String> crashed(TestCrawls.Outcome out) {
        return out.results().stream().filter(r -> r.error() != null && r.error().kind() == ErrorKind.WORKER_CRASH)
                .map(PageResult::url).collect(Collectors.toSet());
    }

    private static String kind(PageResult r) {
        return r.error() == null ? null : r.error().kind().name();
    }

    @Test
    void processMode_heapExhaustedInOneTask_killsOnlyItsWorker_andEveryUrlIsReportedOnce() {
        FixtureServer site = SITE.server();
        Map<String, ExpectedPage> expected = site.manifest().reachable(DEPTH);

        TestCrawls.Outcome out = TestCrawls.crawl(processMode(2, new Chaos(12, 0)), site.manifest().startUrl());

        List<String> urls = out.results().stream().map(PageResult::url).toList();
        assertThat(urls).doesNotHaveDuplicates();
        // A URL that ran out of attempts yields no links: what only it leads to is not crawled.
        assertThat(new HashSet<>(urls)).isEqualTo(reachableWithout(site.manifest(), DEPTH, crashed(out)));
        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
        assertThat(out.summary().workerDeaths()).isGreaterThan(0);
        assertThat(out.summary().workerStarts()).isEqualTo(2 + out.summary().workerDeaths());
        assertThat(out.log()).contains("died with exit code 70");
        // A URL whose worker died re-runs on a fresh worker: as its manifest says, unless it ran out of attempts.
        for (PageResult r : out.results()) {
            if (r.error() != null && r.error().kind() == ErrorKind.WORKER_CRASH) {
                assertThat(r.error().message()).contains("died 3 times");
            } else {
                assertThat(kind(r)).as("%s: %s", r.url(), r.error()).isEqualTo(expected.get(r.url()).errorKind());
            }
        }
    }

    @Test
    void processMode_urlThatKillsEveryWorker_isChargedEachTime_andReportedAsWorkerCrash() {
        FixtureServer site = SITE.server();
        // One worker of one thread, and every worker process runs out of heap on its first task:
        // the seed kills three workers in a row, then is given up; its links are never seen.
        TestCrawls.Outcome out = TestCrawls.crawl(processMode(1, new Chaos(1, 0)), site.manifest().startUrl());

        assertThat(out.results()).singleElement().satisfies(r -> {
            assertThat(r.url()).isEqualTo(site.manifest().startUrl());
            assertThat(r.error().kind()).isEqualTo(ErrorKind.WORKER_CRASH);
            assertThat(r.error().message()).contains("died 3 times").contains("exit 70");
        });
        assertThat(out.summary().workerDeaths()).isEqualTo(3);
        assertThat(out.summary().workerStarts()).isEqualTo(4);
        assertThat(out.summary().requeued()).isEqualTo(2);
        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Mode.class, names = {"VIRTUAL", "PLATFORM"})
    void threadModes_errorThrownInOneTask_failsThatUrlOnly_andTheCrawlCompletes(Mode mode) {
        FixtureServer site = SITE.server();
        Map<String, ExpectedPage> expected = site.manifest().reachable(DEPTH);
        CrawlSettings settings = TestCrawls.settings(mode, DEPTH, 4, 1, 0).toBuilder()
                .chaos(new ChaosPlan(0, new Chaos(0, 5))).build();

        TestCrawls.Outcome out = TestCrawls.crawl(settings, site.manifest().startUrl());

        List<String> urls = out.results().stream().map(PageResult::url).toList();
        assertThat(urls).doesNotHaveDuplicates();
        assertThat(new HashSet<>(urls)).isEqualTo(reachableWithout(site.manifest(), DEPTH, crashed(out)));
        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
        List<PageResult> crashed = out.results().stream()
                .filter(r -> r.error() != null && r.error().kind() == ErrorKind.WORKER_CRASH).toList();
        assertThat(crashed).singleElement().satisfies(r -> {
            assertThat(r.error().message()).contains("java.lang.InternalError: chaos: simulated fatal error in task 5")
                    .contains("thread mode");
            assertThat(r.pid()).isEqualTo(ProcessHandle.current().pid());
        });
        for (PageResult r : out.results()) {
            if (!crashed.contains(r)) {
                assertThat(kind(r)).as("%s: %s", r.url(), r.error()).isEqualTo(expected.get(r.url()).errorKind());
            }
        }
        assertThat(out.summary().failuresByKind()).containsEntry("WORKER_CRASH", 1L);
    }
}
