package crawler.bench.plan;

import crawler.bench.BenchCommand;
import crawler.bench.Samples;
import crawler.bench.run.BenchRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPlanTest {

    @Test
    void fullPlan_keepsCellsAModeCannotRun_withTheReason() {
        List<BenchPlan.Planned> plan = BenchPlan.of(BenchConfig.full(), true);
        BenchPlan.Planned platform10k = plan.stream()
                .filter(p -> p.cell().workload() == Workload.IO && p.cell().substrate() == Substrate.PLATFORM
                        && p.cell().concurrency() == 10_000).findFirst().orElseThrow();
        assertThat(platform10k.skipReason()).contains("10,000 platform threads", "--max-platform-threads 2,000");
        BenchPlan.Planned oneThreadWorkers = plan.stream()
                .filter(p -> p.cell().workload() == Workload.IO && p.cell().substrate() == Substrate.PROCESS_1T
                        && p.cell().concurrency() == 100).findFirst().orElseThrow();
        assertThat(oneThreadWorkers.skipReason()).contains("100 worker JVMs", "--max-workers 4");
        assertThat(plan).as("a cluster member fetches on virtual threads: no platform-thread limit")
                .filteredOn(p -> p.cell().substrate() == Substrate.CLUSTER && p.cell().concurrency() == 10_000)
                .singleElement().extracting(BenchPlan.Planned::skipReason).isNull();
    }

    @Test
    void platformThreads_alsoRunAtTheirLimit_whenAHigherLevelIsSkipped() {
        List<BenchPlan.Planned> plan = BenchPlan.of(BenchConfig.full(), true);
        assertThat(plan).filteredOn(p -> p.cell().workload() == Workload.IO && p.cell().substrate() == Substrate.PLATFORM)
                .extracting(p -> p.cell().concurrency() + (p.skipReason() == null ? "" : " skipped"))
                .containsExactly("2", "10", "100", "1000", "2000", "10000 skipped");
        assertThat(plan).filteredOn(p -> p.cell().workload() == Workload.IO && p.cell().substrate() == Substrate.VIRTUAL)
                .extracting(p -> p.cell().concurrency()).containsExactly(2, 10, 100, 1000, 10_000);
        assertThat(BenchPlan.ioLevels(BenchConfig.quick(), Substrate.PLATFORM)).as("nothing above the limit: no extra level")
                .containsExactly(5, 25);
    }

    @Test
    void processMode_atTenThousand_isSkipped_becauseItsWorkersFetchOnPlatformThreads() {
        String why = BenchPlan.skipReason(BenchConfig.standard(), Samples.io(Substrate.PROCESS, 10_000, 10_000));
        assertThat(why).startsWith("10,000 platform threads over 2 worker JVMs: above --max-platform-threads 2,000");
    }

    @Test
    void ioPages_areConcurrencyTimesRounds_withinTheBounds() {
        BenchConfig c = BenchConfig.standard();
        assertThat(c.ioPages(1)).isEqualTo(20);
        assertThat(c.ioPages(100)).isEqualTo(200);
        assertThat(c.ioPages(10_000)).isEqualTo(10_000);
    }

    @Test
    void usersSite_skipsTheSweeps_becauseOnlyTheFixtureSiteHasASettableLatency() {
        List<BenchPlan.Planned> plan = BenchPlan.of(BenchConfig.full(), false);
        assertThat(plan).filteredOn(p -> p.cell().workload() == Workload.LATENCY || p.cell().workload() == Workload.BATCH
                        || p.cell().workload() == Workload.HOSTS
                        || p.cell().workload() == Workload.CHAOS)
                .isNotEmpty().allMatch(p -> p.skipReason().contains("needs the fixture site"));
        assertThat(plan).filteredOn(p -> p.cell().workload() == Workload.IO)
                .allMatch(p -> p.cell().latencyMillis() == -1 && !p.cell().hasIdealTime());
    }

    @Test
    void modesOption_narrowsEveryWorkload() {
        BenchConfig c = BenchConfig.standard().withModes(List.of(Substrate.VIRTUAL));
        assertThat(BenchPlan.of(c, true)).isNotEmpty().allMatch(p -> p.cell().substrate() == Substrate.VIRTUAL);
    }

    @Test
    void fullPlan_runsEveryWorkloadKind() {
        List<BenchPlan.Planned> plan = BenchPlan.of(BenchConfig.full(), true);
        assertThat(plan.stream().filter(p -> p.skipReason() == null).map(p -> p.cell().workload()).distinct())
                .containsExactlyInAnyOrder(Workload.values());
    }

    @Test
    void standardPlan_leavesTheSweepsAndTheOuterLevelsToTheFullGrid() {
        List<BenchPlan.Planned> plan = BenchPlan.of(BenchConfig.standard(), true);
        assertThat(plan.stream().filter(p -> p.skipReason() == null).map(p -> p.cell().workload()).distinct())
                .containsExactlyInAnyOrder(Workload.IO, Workload.HOSTS, Workload.CPU, Workload.LATENCY, Workload.STARTUP,
                        Workload.CHAOS);
        assertThat(plan).filteredOn(p -> p.cell().workload() == Workload.IO && p.skipReason() == null)
                .extracting(p -> p.cell().substrate().label() + " " + p.cell().concurrency())
                .containsExactly("virtual 2", "virtual 10", "virtual 100", "platform 2", "platform 10", "platform 100",
                        "process 2", "process 10", "process 100", "process-1t 2", "cluster 2", "cluster 10", "cluster 100");
        assertThat(plan).as("over many hosts: threads, processes, one member and two")
                .filteredOn(p -> p.cell().workload() == Workload.HOSTS && p.skipReason() == null)
                .extracting(p -> p.cell().substrate().label() + " " + p.cell().concurrency() + " " + p.cell().pages())
                .containsExactly("virtual 10 80", "virtual 100 200", "process 10 80", "process 100 200", "cluster 10 80",
                        "cluster 100 200", "cluster-2m 10 80", "cluster-2m 100 200");
        assertThat(plan).as("cluster mode is an I/O model only, two members over many hosts only")
                .filteredOn(p -> p.cell().substrate().members() > 0 && p.skipReason() == null)
                .allMatch(p -> p.cell().workload() == Workload.HOSTS
                        || p.cell().workload() == Workload.IO && p.cell().substrate().members() == 1);
        assertThat(plan).as("one host leaves a second member idle: its I/O cells say so instead of running")
                .filteredOn(p -> p.cell().workload() == Workload.IO && p.cell().substrate() == Substrate.CLUSTER_2M)
                .hasSize(3).allMatch(p -> p.skipReason().contains("many-host table"));
        assertThat(plan).as("two members share the concurrency out as process mode's two workers do")
                .filteredOn(p -> p.cell().workload() == Workload.HOSTS && p.cell().substrate() == Substrate.CLUSTER_2M
                        && p.cell().concurrency() == 100)
                .singleElement().extracting(p -> p.cell().shape()).isEqualTo("2x50");
        assertThat(BenchPlan.of(BenchConfig.quick(), true)).as("--quick has no room for a member's start-up")
                .noneMatch(p -> p.cell().substrate().members() > 0);
        assertThat(plan).as("the sweep keeps only its zero-latency cells, claim 4's ceiling")
                .filteredOn(p -> p.cell().workload() == Workload.LATENCY).extracting(p -> p.cell().latencyMillis()).containsOnly(0L);
        assertThat(BenchConfig.standard().repeats()).isEqualTo(3);
    }

    @Test
    void quickAndFull_togetherAreRefused() {
        int exit = new picocli.CommandLine(new BenchCommand()).execute("--quick", "--full", "-q");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void chaosCell_isProcessModeWithTwoWorkers_killingEveryNResults() {
        Cell chaos = BenchPlan.of(BenchConfig.quick(), true).stream().map(BenchPlan.Planned::cell)
                .filter(c -> c.workload() == Workload.CHAOS).findFirst().orElseThrow();
        assertThat(chaos.substrate()).isEqualTo(Substrate.PROCESS);
        assertThat(chaos.workers()).isEqualTo(2);
        assertThat(chaos.killWorkerEvery()).isEqualTo(30);
        assertThat(chaos.key()).endsWith("-k30");
        assertThat(BenchRunner.plannedRuns(chaos, 3)).isEqualTo(1);
    }

    @Test
    void cell_rejectsKillingWorkers_inAThreadMode() {
        assertThatThrownBy(() -> new Cell(Workload.CHAOS, Substrate.VIRTUAL, 20, 16, 100, 0, 300, 100))
                .hasMessage("killWorkerEvery needs worker processes; virtual has none");
    }

    @Test
    void presets_keepTheirBudgets_andAllButQuickRecordPinning() {
        assertThat(BenchConfig.quick().budget()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(BenchConfig.standard().budget()).isEqualTo(java.time.Duration.ofMinutes(4));
        assertThat(BenchConfig.full().budget()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(BenchConfig.quick().pinning()).isFalse();
        assertThat(BenchConfig.standard().pinning()).isTrue();
        assertThat(BenchConfig.full().pinning()).isTrue();
    }

    @Test
    void config_rejectsZeroRepeats_namingTheValue() {
        assertThatThrownBy(() -> BenchConfig.quick().withRepeats(0)).hasMessage("repeats must be >= 1, was 0");
    }
}
