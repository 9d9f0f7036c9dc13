package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.page.PageResult;
import crawler.report.ResultJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of the coordinator in the middle of a crawl, with real processes: the crawler runs in a
 * child JVM, is SIGKILLed once its results file holds some pages, its worker processes exit by
 * themselves (their stdin closes), and {@code crawl --resume} on the same file finishes the crawl
 * with every ground-truth URL exactly once, without fetching the recorded pages again. In cluster
 * mode the killed coordinator's embedded member dies with it, and the resumed crawl starts a new one.
 */
class CoordinatorKillTest {

    /** Lines in the results file before the kill: well into the crawl, far from its end. */
    private static final int LINES_BEFORE_KILL = 15;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(InterruptedCrawl.site());

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"process", "virtual", "cluster"})
    void killedCoordinator_leavesNoWorker_andResumeFinishesWithEveryUrlOnce(String mode) throws Exception {
        FixtureServer site = SITE.server();
        site.resetCounters();
        Path out = dir.resolve("results.jsonl");
        ChildCrawl child = ChildCrawl.start(InterruptedCrawl.args(site, out, mode), dir.resolve("first.stderr"));
        orphans.track(child.handle());
        child.awaitLines(out, LINES_BEFORE_KILL, LIMIT);

        // Captured before the kill: once their parent is gone, the workers are no longer our descendants.
        List<ProcessHandle> workers = child.handle().descendants().toList();
        workers.forEach(orphans::track);
        assertThat(child.handle().destroyForcibly()).isTrue(); // SIGKILL: no shutdown hook runs
        assertThat(child.awaitExit(LIMIT)).isEqualTo(137);

        assertThat(workers).as("worker processes of the killed coordinator").hasSize(mode.equals("process") ? 2 : 0);
        assertThat(NoOrphanProcesses.leftAlive(workers, NoOrphanProcesses.EXIT_WAIT))
                .as("workers must exit by themselves when their coordinator dies").isEmpty();

        ResultJournal before = ResultJournal.read(out);
        List<PageResult> recorded = List.copyOf(before.done().values());
        Set<Long> firstRunPids = workers.isEmpty() ? Set.of(child.pid())
                : workers.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertThat(recorded).hasSizeGreaterThanOrEqualTo(LINES_BEFORE_KILL)
                .allSatisfy(r -> assertThat(firstRunPids).contains(r.pid()));
        int expectedTotal = site.manifest().reachable(InterruptedCrawl.DEPTH).size();
        assertThat(recorded.size()).as("killed mid-crawl").isLessThan(expectedTotal);

        site.resetCounters();
        int code = Main.commandLine().execute(InterruptedCrawl.args(site, out, mode, "--resume").toArray(String[]::new));
        assertThat(code).as(stderr.text()).isZero();

        List<PageResult> all = List.copyOf(ResultJournal.read(out).done().values());
        List<String> urls = ResumeFiles.urls(out);
        assertThat(urls).as("no URL twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(urls)).isEqualTo(site.manifest().reachable(InterruptedCrawl.DEPTH).keySet());
        assertThat(all.subList(0, recorded.size())).isEqualTo(recorded);
        for (PageResult r : recorded) {
            assertThat(site.requestCount(r.url())).as("recorded page %s fetched again", r.url()).isZero();
        }
        assertThat(all.subList(recorded.size(), all.size())).as("fetched by the resumed crawl")
                .isNotEmpty().allSatisfy(r -> assertThat(firstRunPids).doesNotContain(r.pid()));
        assertThat(stderr.text()).contains("resuming: " + recorded.size() + " pages already in");
    }
}
