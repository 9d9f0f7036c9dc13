package crawler.bench.run;

import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.probe.ProcFs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm session for real: a child JVM of this test's class path crawls a fixture site once
 * unmeasured, then once per run the bench admits. No assertion on time.
 */
class WarmSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FixtureServer site;

    @TempDir
    Path work;

    @BeforeAll
    static void startSite() {
        site = FixtureServer.start(SiteSpec.wide(40, new Latency.None()));
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    private static Cell cell(Substrate s) {
        return new Cell(Workload.IO, s, 4, 4, 0, 0, 30);
    }

    @Test
    void everyRun_crawlsTheWholeSeedList_inTheSameChildJvm() throws Exception {
        List<String> seeds = site.manifest().sitemapUrls().subList(0, 30);
        List<RunResult> told = new ArrayList<>();
        WarmSession.Outcome o = session().run(List.of(leg(cell(Substrate.VIRTUAL), seeds, 2)), Duration.ofSeconds(60), true,
                GO, told::add);

        assertThat(o.runs()).hasSize(2).allSatisfy(r -> {
            assertThat(r.failed()).as(String.valueOf(r.failure())).isFalse();
            assertThat(r.urlCount()).isEqualTo(30);
            assertThat(r.errors()).isZero();
            assertThat(r.pinningEvents()).as("counted from the recording, per run").isGreaterThanOrEqualTo(0);
            // The site counts each run apart: at least one request, never more than the cell's concurrency.
            assertThat(r.peakInFlight()).as("requests in flight at the site").isBetween(1, 4);
        });
        assertThat(o.runs().get(0).urlSetDigest()).isEqualTo(o.runs().get(1).urlSetDigest());
        assertThat(told).extracting(RunResult::repeat).containsExactly(1, 2);
        assertThat(o.setupMillis()).isPositive();
        assertThat(coordinatorPid(cell(Substrate.VIRTUAL), 1)).as("one JVM for both runs")
                .isEqualTo(coordinatorPid(cell(Substrate.VIRTUAL), 2));
    }

    @Test
    void severalCells_runInOneChildJvm_eachOnASubstrateOfItsOwn_andNextSkipsTheRestOfALeg() throws Exception {
        List<String> seeds = site.manifest().sitemapUrls().subList(0, 30);
        Cell low = new Cell(Workload.IO, Substrate.PLATFORM, 2, 4, 0, 0, 20);
        Cell high = new Cell(Workload.IO, Substrate.PLATFORM, 6, 4, 0, 0, 30);
        List<String> asked = new ArrayList<>();
        WarmSession.Outcome o = session().run(List.of(leg(low, seeds.subList(0, 20), 3), leg(high, seeds, 2)),
                Duration.ofSeconds(60), false, (c, r) -> {
                    asked.add(c.concurrency() + "/" + r);
                    return c == low && r == 2 ? WarmSession.Word.NEXT : WarmSession.Word.GO;
                }, r -> { });

        assertThat(asked).containsExactly("2/1", "2/2", "6/1", "6/2");
        assertThat(o.runs()).extracting(r -> r.cell().concurrency()).containsExactly(2, 6, 6);
        assertThat(o.runs()).allSatisfy(r -> assertThat(r.failed()).as(String.valueOf(r.failure())).isFalse());
        assertThat(o.of(low)).singleElement().extracting(RunResult::urlCount).isEqualTo(20);
        assertThat(o.of(high)).allSatisfy(r -> assertThat(r.urlCount()).isEqualTo(30));
        assertThat(coordinatorPid(low, 1)).as("one JVM for both cells").isEqualTo(coordinatorPid(high, 2));
        assertThat(work.resolve(high.key() + "-warm-warmup1.summary.json")).as("each leg warms its own substrate").exists();
    }

    @Test
    void processMode_keepsItsWorkers_acrossRuns() throws Exception {
        List<String> seeds = site.manifest().sitemapUrls().subList(0, 30);
        Cell cell = cell(Substrate.PROCESS);
        WarmSession.Outcome o = session().run(List.of(leg(cell, seeds, 2)), Duration.ofSeconds(60), false, GO, r -> { });

        assertThat(o.runs()).hasSize(2).allSatisfy(r -> assertThat(r.failed()).as(String.valueOf(r.failure())).isFalse());
        assertThat(workerPids(cell, 1)).hasSize(2).isEqualTo(workerPids(cell, 2));
        assertThat(o.runs()).as("the workers started before the warm-up; each run reports their start-up")
                .allSatisfy(r -> assertThat(r.workerStartupMillis()).hasSize(2).allMatch(ms -> ms > 0));
    }

    /**
     * Two members over a site on 16 hosts: the member JVM the session's crawl started stays for
     * every run, each run fetches exactly the seeds, both members deliver pages, and the member is
     * gone once the session ends. That neither member idles rests on Hazelcast hashing 16 hosts
     * onto both, which fails in 2 of 65,536 equally likely splits.
     */
    @Test
    void twoMemberCluster_keepsItsMemberJvm_acrossRuns_andSharesTheHostsOut() throws Exception {
        try (FixtureServer hosts = FixtureServer.start(SiteSpec.wide(40, new Latency.None()), 0, 16)) {
            List<String> seeds = hosts.spread(hosts.manifest().sitemapUrls().subList(0, 32));
            Cell cell = new Cell(Workload.IO, Substrate.CLUSTER_2M, 4, 4, 0, 0, 32);
            WarmSession.Outcome o = session().run(List.of(new WarmSession.Leg(cell, seeds, 0, new HashSet<>(seeds),
                    SiteGauge.of(hosts), 2)), Duration.ofSeconds(90), false, GO, r -> { });

            assertThat(o.runs()).hasSize(2).allSatisfy(r -> {
                assertThat(r.failed()).as(String.valueOf(r.failure())).isFalse();
                assertThat(r.urlCount()).isEqualTo(32);
                assertThat(r.memberPages()).hasSize(2).allMatch(p -> p > 0);
                assertThat(r.memberPages().stream().mapToLong(Long::longValue).sum()).isEqualTo(32);
                assertThat(r.workerStartupMillis()).as("the embedded member's and the member JVM's").hasSize(2);
            });
            List<Long> members = memberPids(cell, 1);
            assertThat(members).hasSize(2).isEqualTo(memberPids(cell, 2));
            assertThat(members).as("no member JVM outlives its session").noneMatch(pid -> ProcessHandle.of(pid)
                    .map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void withoutWarmUp_theFirstRunIsCold_andEveryRunStillReportsTheWorkersStartUp() throws Exception {
        List<String> seeds = site.manifest().sitemapUrls().subList(0, 30);
        Cell cell = cell(Substrate.PROCESS);
        WarmSession.Outcome o = new WarmSession(ChildCrawl.ofThisJvm(work, Duration.ofSeconds(60)), 0)
                .run(List.of(leg(cell, seeds, 2)), Duration.ofSeconds(60), false, GO, r -> { });

        assertThat(o.runs()).hasSize(2).allSatisfy(r -> {
            assertThat(r.failed()).as(String.valueOf(r.failure())).isFalse();
            assertThat(r.workerStartupMillis()).hasSize(2);
        });
        assertThat(work.resolve(cell.key() + "-warm-warmup1.summary.json")).doesNotExist();
    }

    @Test
    void aRunTheBudgetRefuses_isNotCrawled() throws Exception {
        List<String> seeds = site.manifest().sitemapUrls().subList(0, 30);
        WarmSession.Outcome o = session().run(List.of(leg(cell(Substrate.PLATFORM), seeds, 3)), Duration.ofSeconds(60), false,
                (c, r) -> r == 1 ? WarmSession.Word.GO : WarmSession.Word.STOP, r -> { });

        assertThat(o.runs()).hasSize(1);
        assertThat(o.runs().getFirst().failed()).isFalse();
        assertThat(work.resolve(cell(Substrate.PLATFORM).key() + "-warm-r2.jsonl")).doesNotExist();
    }

    @Test
    void aFirstRunTheBudgetRefuses_leavesNoRun_butTheSetUpTime() throws Exception {
        List<String> seeds = site.manifest().sitemapUrls().subList(0, 30);
        WarmSession.Outcome o = session().run(List.of(leg(cell(Substrate.VIRTUAL), seeds, 3)), Duration.ofSeconds(60), false,
                (c, r) -> WarmSession.Word.STOP, r -> { });

        assertThat(o.runs()).isEmpty();
        assertThat(o.setupMillis()).isPositive();
    }

    @Test
    void aChildThatCannotStart_isOneFailedRun_namingWhy() throws Exception {
        // A class path without the crawler: the child JVM exits at once, before any handshake.
        Cell cell = cell(Substrate.VIRTUAL);
        ChildCrawl broken = new ChildCrawl(ChildCrawl.ofThisJvm(work, Duration.ofSeconds(60)).javaCommand("x").getFirst(),
                "/nonexistent.jar", work, Duration.ofSeconds(60), Duration.ofMillis(50), ProcFs.system());
        WarmSession.Outcome o = new WarmSession(broken, 1).run(
                List.of(new WarmSession.Leg(cell, List.of("http://127.0.0.1:1/"), 0, null, SiteGauge.NOT_MEASURED, 2)),
                Duration.ofSeconds(20), false, GO, r -> { });

        assertThat(o.runs()).hasSize(1);
        assertThat(o.runs().getFirst().failure()).contains("child ended before 'ready 1 1'");
        assertThat(o.setupMillis()).isEqualTo(-1);
    }

    private static final WarmSession.Pacer GO = (c, r) -> WarmSession.Word.GO;

    private WarmSession session() {
        return new WarmSession(ChildCrawl.ofThisJvm(work, Duration.ofSeconds(60)), 1);
    }

    private static WarmSession.Leg leg(Cell cell, List<String> seeds, int runs) {
        return new WarmSession.Leg(cell, seeds, 0, new HashSet<>(seeds), SiteGauge.of(site), runs);
    }

    private long coordinatorPid(Cell cell, int run) throws IOException {
        return JSON.readTree(work.resolve(cell.key() + "-warm-r" + run + ".summary.json").toFile()).path("coordinatorPid").asLong();
    }

    /** The pids of the members that delivered pages, from the summary's members map ("HOST:PORT pid N"). */
    private List<Long> memberPids(Cell cell, int run) throws IOException {
        List<Long> pids = new ArrayList<>();
        JSON.readTree(work.resolve(cell.key() + "-warm-r" + run + ".summary.json").toFile()).path("members")
                .fieldNames().forEachRemaining(k -> pids.add(Long.parseLong(k.substring(k.lastIndexOf(' ') + 1))));
        return pids.stream().sorted().toList();
    }

    private List<Long> workerPids(Cell cell, int run) throws IOException {
        List<Long> pids = new ArrayList<>();
        JSON.readTree(work.resolve(cell.key() + "-warm-r" + run + ".summary.json").toFile()).path("pids")
                .forEach(n -> pids.add(n.asLong()));
        return pids.stream().sorted().toList();
    }
}
