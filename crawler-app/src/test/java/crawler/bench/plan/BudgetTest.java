package crawler.bench.plan;

import crawler.bench.Samples;
import crawler.bench.run.RunResult;
import crawler.bench.run.WarmSession;
import crawler.bench.probe.TreeUsage;
import crawler.bench.render.Fmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private Budget budget(Duration d) {
        return new Budget(d, 1, now::get);
    }

    private void advanceMillis(long ms) {
        now.addAndGet(ms * 1_000_000);
    }

    private static RunResult run(Cell cell, long wallMs, long childMs) {
        return new RunResult(cell, 1, null, wallMs, childMs, cell.pages(), 0, cell.pages(), "d", 1, 1, List.of(),
                TreeUsage.NOT_MEASURED);
    }

    private static Cell startup(Substrate s) {
        return new Cell(Workload.STARTUP, s, 1, 1, 0, 0, 1);
    }

    @Test
    void newWarmCell_costsStartAndStop_workerStartInProcessMode_andTwoCrawls_theWarmUpAndOneRun() {
        Budget b = budget(Duration.ofSeconds(45));
        // 200 pages at c=100 and 100 ms: 2 rounds, 200 ms ideal; at the guessed 500 pages/s: 400 ms.
        Cell virtual = Samples.io(Substrate.VIRTUAL, 100, 200);
        assertThat(b.estimateMillis(virtual)).as("one run: the crawl alone").isEqualTo(400);
        assertThat(b.firstRunMillis(virtual)).isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 2 * 400);
        assertThat(b.sessionMillis(virtual, 3)).isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 4 * 400);
        assertThat(b.firstRunMillis(Samples.io(Substrate.PROCESS, 10, 50)))
                .isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + Budget.FIRST_WORKER_MILLIS + 2 * 500);
    }

    @Test
    void newColdCell_costsStartAndStop_andOneCrawl() {
        Budget b = budget(Duration.ofSeconds(45));
        // One page at the guessed 500 pages/s: 2 ms.
        assertThat(b.firstRunMillis(startup(Substrate.PLATFORM))).isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 2);
        assertThat(b.firstRunMillis(startup(Substrate.PROCESS))).isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 2 + Budget.FIRST_WORKER_MILLIS);
    }

    @Test
    void aCellAlreadyRun_isEstimatedAtWhatItsLastRunTookTheBench() {
        Budget b = budget(Duration.ofSeconds(45));
        Cell warm = Samples.io(Substrate.VIRTUAL, 100, 200);
        b.recordWarmRun(run(warm, 300, 350));
        assertThat(b.estimateMillis(warm)).isEqualTo(350);
        assertThat(b.sessionMillis(warm, 3)).isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 4 * 350);
        Cell cold = startup(Substrate.VIRTUAL);
        b.record(run(cold, 300, 4_200));
        assertThat(b.estimateMillis(cold)).isEqualTo(4_200);
    }

    @Test
    void machineRate_isLearnedFromAWarmRun_andStartAndStopFromItsSession() {
        Budget b = budget(Duration.ofSeconds(45));
        // 1,000 pages at c=1000 took 10 s: far from the 100 ms ideal, so 100 pages/s is the machine's rate.
        RunResult first = run(Samples.io(Substrate.VIRTUAL, 1000, 1000), 10_000, 10_100);
        b.recordWarmRun(first);
        assertThat(b.estimateMillis(Samples.io(Substrate.PLATFORM, 1000, 1000))).isEqualTo(10_000);
        // Set-up 14 s and exit 0.5 s, less a warm-up crawl as long as the first run: 4.4 s of start and stop.
        b.recordSession(new WarmSession.Outcome(List.of(first), 14_000, 500));
        assertThat(b.firstRunMillis(Samples.io(Substrate.PLATFORM, 1000, 1000))).isEqualTo(4_400 + 2 * 10_000);
    }

    @Test
    void aLongSeedList_isWarmedUpWithAShareOfIt_soTheWarmUpCostsThatShareOfACrawl() {
        Budget b = budget(Duration.ofSeconds(45));
        Cell cpu = new Cell(Workload.CPU, Substrate.PLATFORM, 1, 16, 0, 1500, 120);
        assertThat(WarmSession.warmupPages(cpu)).isEqualTo(WarmSession.MIN_WARMUP_PAGES);
        b.recordWarmRun(run(cpu, 2_400, 2_400));
        // 50 of 120 pages: 1,000 ms of warm-up, then 2,400 ms per run.
        assertThat(b.sessionMillis(cpu, 3)).isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 1_000 + 3 * 2_400);
        assertThat(WarmSession.warmupPages(Samples.io(Substrate.VIRTUAL, 1000, 2000))).as("every thread twice").isEqualTo(2000);
    }

    @Test
    void aSmallSlowCrawl_doesNotLowerTheMachineRate_itsFixedCostsDid() {
        Budget b = budget(Duration.ofSeconds(45));
        // 20 pages at c=10 in 470 ms: 43 pages/s, far from the 200 ms ideal, but only 20 pages.
        b.recordWarmRun(run(Samples.io(Substrate.VIRTUAL, 10, 20), 470, 480));
        assertThat(b.estimateMillis(Samples.io(Substrate.VIRTUAL, 1000, 2000))).as("2,000 pages at the guessed 500/s")
                .isEqualTo(4_000);
    }

    @Test
    void aSessionWithoutAMeasuredRun_teachesNothing() {
        Budget b = budget(Duration.ofSeconds(45));
        Cell cell = Samples.io(Substrate.VIRTUAL, 100, 200);
        b.recordSession(new WarmSession.Outcome(List.of(run(cell, 0, 9_000).withFailure("died")), -1, 0));
        b.recordSession(new WarmSession.Outcome(List.of(), 9_000, 100));
        assertThat(b.firstRunMillis(cell)).isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 2 * 400);
    }

    @Test
    void admits_onlyWhatIsExpectedToEndBeforeTheDeadline_withTheReserveKeptBack() {
        Budget b = budget(Duration.ofSeconds(10));
        Cell cell = Samples.io(Substrate.VIRTUAL, 100, 200);
        assertThat(b.admits(cell)).isTrue();
        assertThat(b.admits(400, 9_000)).isTrue();
        assertThat(b.admits(400, 9_700)).as("10.1 s with the reserve, 10 s left").isFalse();
        advanceMillis(7_500);
        assertThat(b.remainingMillis()).isEqualTo(2_500);
        assertThat(b.admits(cell)).as("3.3 s expected, 2.5 s left").isFalse();
        advanceMillis(10_000);
        assertThat(b.remainingMillis()).isZero();
    }

    @Test
    void budget_mustBePositive() {
        assertThatThrownBy(() -> budget(Duration.ZERO)).hasMessage("budget must be > 0, was PT0S");
        assertThat(Fmt.duration(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(Fmt.duration(Duration.ofSeconds(45))).isEqualTo("45s");
    }

    @Test
    void overhead_isTheMeanSeenPerKindOfSubstrate_andAChaosCrawlTeachesNothingButItsOwnTime() {
        Budget b = budget(Duration.ofSeconds(45));
        b.record(run(startup(Substrate.PLATFORM), 1_000, 4_000));
        b.record(run(startup(Substrate.VIRTUAL), 1_000, 6_000));
        Cell chaos = Samples.chaos();
        b.record(new RunResult(chaos, 1, null, 7_000, 30_000, 300, 0, 300, "d", 3, 20, List.of(5_000L, 9_000L),
                TreeUsage.NOT_MEASURED, 2, 20, -1));
        // Overhead (3 s + 5 s) / 2 = 4 s; 200 pages at c=100: 200 ms ideal, 400 ms at the guessed rate.
        assertThat(b.firstRunMillis(Samples.io(Substrate.VIRTUAL, 100, 200))).isEqualTo(4_000 + 2 * 400);
        assertThat(b.firstRunMillis(Samples.io(Substrate.PROCESS, 100, 200))).as("process mode's is learned apart")
                .isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 2 * 400 + Budget.FIRST_WORKER_MILLIS);
        assertThat(b.estimateMillis(chaos)).isEqualTo(30_000);
    }

    @Test
    void clusterCell_paysItsMemberStartInItsOverhead_learnedApart_andTeachesProcessModeNothing() {
        Budget b = budget(Duration.ofSeconds(45));
        Cell cluster = Samples.io(Substrate.CLUSTER, 100, 200);
        assertThat(b.firstRunMillis(cluster)).as("an embedded member's start-up before any was seen")
                .isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + Budget.FIRST_MEMBER_MILLIS + 2 * 400);
        // A cold cluster crawl whose member took 6 s to start: all of it is the child's overhead.
        b.record(new RunResult(startup(Substrate.CLUSTER), 1, null, 1_000, 10_000, 1, 0, 1, "d", 1, 1, List.of(6_000L),
                TreeUsage.NOT_MEASURED));
        assertThat(b.firstRunMillis(cluster)).isEqualTo(9_000 + 2 * 400);
        assertThat(b.firstRunMillis(Samples.io(Substrate.PROCESS, 100, 200))).as("no worker start learned from a member")
                .isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 2 * 400 + Budget.FIRST_WORKER_MILLIS);
        assertThat(b.firstRunMillis(Samples.io(Substrate.VIRTUAL, 100, 200))).as("nor a thread mode's overhead")
                .isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 2 * 400);
    }

    @Test
    void twoMemberCell_alsoPaysItsMemberJvmsStart_learnedApartFromOneMember() {
        Budget b = budget(Duration.ofSeconds(45));
        Cell two = Samples.io(Substrate.CLUSTER_2M, 100, 200);
        assertThat(b.firstRunMillis(two)).as("its member JVM's start, before any was seen")
                .isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + Budget.FIRST_MEMBER_MILLIS + Budget.FIRST_MEMBER_JVM_MILLIS + 2 * 400);
        b.record(new RunResult(startup(Substrate.CLUSTER), 1, null, 1_000, 10_000, 1, 0, 1, "d", 1, 1, List.of(6_000L),
                TreeUsage.NOT_MEASURED));
        assertThat(b.firstRunMillis(two)).as("one member's overhead teaches two members nothing")
                .isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + Budget.FIRST_MEMBER_MILLIS + Budget.FIRST_MEMBER_JVM_MILLIS + 2 * 400);
        // A cold two-member run: the member JVM took 3 s (the embedded member 40 ms); its child cost 10 s in all.
        b.record(new RunResult(new Cell(Workload.STARTUP, Substrate.CLUSTER_2M, 1, 1, 0, 0, 1), 1, null, 1_000, 10_000, 1, 0,
                1, "d", 2, 1, List.of(3_000L, 40L), TreeUsage.NOT_MEASURED));
        assertThat(b.firstRunMillis(two)).as("the member JVM's start is learned apart from the child's overhead")
                .isEqualTo(6_000 + 3_000 + 2 * 400);
        assertThat(b.firstRunMillis(Samples.io(Substrate.PROCESS, 100, 200))).as("and teaches worker start-up nothing")
                .isEqualTo(Budget.FIRST_OVERHEAD_MILLIS + 2 * 400 + Budget.FIRST_WORKER_MILLIS);
    }
}
