package crawler.bench.judge;

import crawler.bench.Samples;
import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.run.RunResult;
import crawler.bench.probe.CpuScaling;
import crawler.bench.probe.HandOff;
import crawler.bench.probe.IsolationScenario;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.probe.Probes;
import crawler.bench.probe.UnitStartup;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.bench.judge.Verdict.Outcome;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every label each claim can print, each from the smallest measurements that lead to it. */
class VerdictsTest {

    @Test
    void verdicts_ofFixedMeasurements_areTheExpectedOutcomes() {
        List<Outcome> outcomes = Verdicts.of(Samples.small()).stream().map(Verdict::outcome).toList();
        // Claim 4: the sample's only level well below its 1,250 pages/s ceiling is c=10, one level is no growth.
        assertThat(outcomes).containsExactly(Outcome.SHOWN, Outcome.SHOWN, Outcome.SHOWN, Outcome.NOT_MEASURED,
                Outcome.NO_DIFFERENCE, Outcome.SHOWN, Outcome.SUPPORTED, Outcome.SUPPORTED);
    }

    @Test
    void everyVerdict_carriesItsRule() {
        assertThat(Verdicts.of(Samples.small())).allSatisfy(v -> assertThat(v.rule()).isNotBlank());
    }

    @Test
    void everyClaim_saysNotMeasured_withoutCells() {
        List<Verdict> v = Verdicts.of(result(List.of()));
        assertThat(v).extracting(Verdict::outcome).containsOnly(Outcome.NOT_MEASURED);
        assertThat(v).extracting(Verdict::claim).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    // ---- claims 1, 2, 3, 6: structural, "shown" at best ----

    @Test
    void claim1_isNotSupported_whenTheOneThreadCrawlUsedTwoThreads() {
        Cell one = Samples.cpu(Substrate.PLATFORM, 1);
        CellResult c = Samples.cell(one, new long[] {2000, 2000, 2000}, Samples.usage(100, 120, 23, 900, 2100, 1), 1, 2, List.of());
        assertThat(Verdicts.of(result(List.of(c))).get(0).outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
    }

    @Test
    void claim2_showsOsThreadIds_ofPlatformThreadsAndTheCarriersUnderVirtualOnes() {
        Verdict v = Verdicts.of(Samples.small()).get(1);
        assertThat(v.outcome()).isEqualTo(Outcome.SHOWN);
        assertThat(v.evidence()).contains("1,000 platform threads parked in 1 pid: +1,000 OS thread ids in /proc/<pid>/task",
                "1,000 virtual threads parked in 1 pid: +3 OS thread ids in /proc/<pid>/task, 2 of them carriers (ForkJoinPool-*)");
    }

    @Test
    void claim2_isNotSupported_whenPlatformThreadsAddedNoOsThreads() {
        List<ParkedUnits> parked = List.of(new ParkedUnits("platform", 1000, 1000, 40_000, 40_100, 150, 61_000, 2, 0));
        assertThat(Verdicts.of(result(List.of(), parked, Probes.NONE)).get(1).outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
    }

    @Test
    void claim3_isNotSupported_whenARunSawFewerPidsThanWorkers() {
        Cell cell = Samples.io(Substrate.PROCESS, 100, 500);
        CellResult c = Samples.cell(cell, new long[] {900}, Samples.usage(300, 350, 100, 1000, 5000, 3), 1, 100, List.of(1500L, 1500L));
        assertThat(Verdicts.of(result(List.of(c))).get(2).outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
    }

    @Test
    void claim3_ignoresTheChaosCrawl_whoseReplacedWorkersAddPids() {
        Cell io = Samples.io(Substrate.PROCESS, 100, 500);
        CellResult c = Samples.cell(io, new long[] {900}, Samples.usage(300, 350, 100, 1000, 5000, 3), 2, 100, List.of(1500L, 1500L));
        assertThat(Verdicts.of(result(List.of(c, Samples.chaosCell()))).get(2).outcome()).isEqualTo(Outcome.SHOWN);
    }

    @Test
    void claim6_isNotSupported_whenTheProcessTreeHeldLessThanOneJvm() {
        List<CellResult> cells = List.of(
                Samples.cell(Samples.io(Substrate.PLATFORM, 100, 500), new long[] {560}, Samples.usage(400, 420, 127, 7400, 5200, 1), 1, 100, List.of()),
                Samples.cell(Samples.io(Substrate.PROCESS, 100, 500), new long[] {980}, Samples.usage(300, 330, 180, 19000, 14000, 3), 2, 100, List.of(1650L)));
        assertThat(Verdicts.of(result(cells)).get(5).outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
    }

    // ---- claim 4: threads fit I/O, judged below the ceiling ----

    /** An I/O cell at latency 100 ms whose three runs took these wall times. */
    private static CellResult io(Substrate s, int c, long... walls) {
        Cell cell = Samples.io(s, c, 2 * c);
        return Samples.cell(cell, walls, Samples.usage(s == Substrate.PROCESS ? 300 : 120, 150, 40, 1000, 1000, s == Substrate.PROCESS ? 3 : 1),
                s == Substrate.PROCESS ? 2 : 1, c, List.of());
    }

    /** A zero-latency cell of 2,000 pages/s: c=10 (100 pages/s) and c=100 (1,000 pages/s) are both well below it. */
    private static CellResult ceiling() {
        return Samples.cell(new Cell(Workload.LATENCY, Substrate.VIRTUAL, 100, 16, 0, 0, 500), new long[] {250, 250, 250},
                Samples.usage(120, 140, 30, 9000, 4000, 1), 1, 500, List.of());
    }

    private static Verdict claim4(CellResult... cells) {
        return Verdicts.of(result(List.of(cells))).get(3);
    }

    @Test
    void claim4_isSupported_whenThreadsGrowWithC_andBeatProcessesBeyondTheSpread() {
        Verdict v = claim4(ceiling(), io(Substrate.VIRTUAL, 10, 205, 210, 215), io(Substrate.VIRTUAL, 100, 210, 215, 220),
                io(Substrate.PROCESS, 100, 300, 310, 320));
        assertThat(v.outcome()).isEqualTo(Outcome.SUPPORTED);
        assertThat(v.evidence()).contains("c=10", "c=100", "ceiling 2000 pages/s");
    }

    @Test
    void claim4_isNoDifference_whenTheSpreadsOverlap() {
        Verdict v = claim4(ceiling(), io(Substrate.VIRTUAL, 10, 205, 210, 215), io(Substrate.VIRTUAL, 100, 210, 215, 240),
                io(Substrate.PROCESS, 100, 212, 220, 230));
        assertThat(v.outcome()).isEqualTo(Outcome.NO_DIFFERENCE);
        assertThat(v.evidence()).startsWith("threads fit I/O, and so do processes");
    }

    @Test
    void claim4_isNotSupported_whenThreadThroughputDoesNotGrowWithC() {
        Verdict v = claim4(ceiling(), io(Substrate.VIRTUAL, 10, 205, 210, 215), io(Substrate.VIRTUAL, 100, 1900, 2000, 2100),
                io(Substrate.PROCESS, 100, 300, 310, 320));
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
        assertThat(v.evidence()).contains("throughput did not grow with c");
    }

    @Test
    void claim4_isNotSupported_whenProcessesAreFasterBeyondTheSpread() {
        Verdict v = claim4(ceiling(), io(Substrate.VIRTUAL, 10, 205, 210, 215), io(Substrate.VIRTUAL, 100, 350, 360, 370),
                io(Substrate.PROCESS, 100, 210, 212, 214));
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
        assertThat(v.evidence()).startsWith("threads fit, but processes were faster");
    }

    @Test
    void claim4_isNotMeasured_withoutAZeroLatencyCeiling_orAboveIt_orWithOneRun() {
        assertThat(claim4(io(Substrate.VIRTUAL, 10, 205, 210, 215), io(Substrate.VIRTUAL, 100, 210, 215, 220),
                io(Substrate.PROCESS, 100, 300, 310, 320)).evidence()).startsWith("no clean zero-latency cell");
        CellResult slowCeiling = Samples.cell(new Cell(Workload.LATENCY, Substrate.VIRTUAL, 100, 16, 0, 0, 500),
                new long[] {2500, 2500, 2500}, Samples.usage(120, 140, 30, 9000, 4000, 1), 1, 500, List.of());
        assertThat(claim4(slowCeiling, io(Substrate.VIRTUAL, 10, 205, 210, 215), io(Substrate.VIRTUAL, 100, 210, 215, 220),
                io(Substrate.PROCESS, 100, 300, 310, 320)).outcome()).isEqualTo(Outcome.NOT_MEASURED);
        assertThat(claim4(ceiling(), io(Substrate.VIRTUAL, 10, 205), io(Substrate.VIRTUAL, 100, 210),
                io(Substrate.PROCESS, 100, 300)).outcome()).isEqualTo(Outcome.NOT_MEASURED);
    }

    // ---- claim 5: CPU-bound, with a floor and a margin ----

    /** The CPU probe alone: speed-ups at 2 units over 1 on 2 cores, each with a spread of 0.1. */
    private static BenchResult cpu(double threads, double processes) {
        return result(List.of(), List.of(), new Probes(List.of(), null, 0, Samples.cpuScaling(threads, processes)));
    }

    @Test
    void claim5_isSupported_whenProcessesScaleAndThreadsDoNot() {
        Verdict v = Verdicts.of(cpu(1.1, 1.9)).get(4);
        assertThat(v.outcome()).isEqualTo(Outcome.SUPPORTED);
        assertThat(v.evidence()).contains("processes scaled better", "threads in 1 JVM 1.10 (1.05-1.15)x",
                "2 one-thread JVMs 1.90 (1.85-1.95)x", "1.0 s of hash work per unit, no network, 3 interleaved rounds");
    }

    @Test
    void claim5_isNotSupported_whenThreadsScaleBetter_andSaysTheGilClaimDoesNotCarryOver() {
        Verdict v = Verdicts.of(cpu(1.9, 1.4)).get(4);
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
        assertThat(v.evidence()).contains("holds for CPython's GIL and does not carry over to the JVM");
    }

    @Test
    void claim5_isNoDifference_whenTheSpreadsOverlap_orTheGapIsBelowTheMargin() {
        Verdict v = Verdicts.of(cpu(1.9, 1.85)).get(4);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_DIFFERENCE);
        assertThat(v.evidence()).startsWith("Java threads scale like processes on CPU work: the seed's claim holds for CPython's GIL");
        // Apart, but 1.95x against 1.7x is a factor 1.15, below the margin: not a difference worth a label.
        assertThat(Verdicts.of(cpu(1.95, 1.7)).get(4).outcome()).isEqualTo(Outcome.NO_DIFFERENCE);
    }

    @Test
    void claim5_isNotJudged_whenNoModeReachesTheFloor_andNotMeasuredWithoutTheProbe() {
        // 2 units on 2 cores: the floor is 1.2x; 1.1x and 1.15x say the cores were busy, not which model scales.
        Verdict v = Verdicts.of(cpu(1.1, 1.15)).get(4);
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_MEASURED);
        assertThat(v.evidence()).startsWith("not judged: no mode reached 1.2x");
        assertThat(Verdicts.of(result(List.of())).get(4).evidence()).startsWith("no CPU-scaling probe");
    }

    @Test
    void claim1_fallsBackOnTheCpuProbesOneUnitRun_withoutAOneThreadCrawl() {
        Verdict shown = Verdicts.of(cpu(1.9, 1.85)).get(0);
        assertThat(shown.outcome()).isEqualTo(Outcome.SHOWN);
        assertThat(shown.evidence()).isEqualTo("one unit of CPU work (the claim 5 probe) ran in 1 pid on 1 thread");
        CpuScaling two = new CpuScaling(2, 3, 1000, new Stat(1000, 990, 1010), new Stat(1.9, 1.8, 2), new Stat(1.9, 1.8, 2), 1, 2);
        assertThat(Verdicts.of(result(List.of(), List.of(), new Probes(List.of(), null, 0, two))).get(0).outcome())
                .isEqualTo(Outcome.NOT_SUPPORTED);
    }

    // ---- claim 7: memory and the price of a switch ----

    private static Verdict claim7(List<ParkedUnits> parked, List<HandOff> handOffs) {
        return Verdicts.of(result(List.of(), parked, new Probes(handOffs, null, 0))).get(6);
    }

    private static final List<ParkedUnits> CHEAP = List.of(new ParkedUnits("virtual", 1000, 1000, 3_200, 3_300, 1_900, 61_000, 3, 2),
            new ParkedUnits("platform", 1000, 1000, 40_000, 40_100, 150, 61_000, 1000, 0));
    private static final List<ParkedUnits> DEAR = List.of(new ParkedUnits("platform", 10, 10, 10L * 1024 * 1024, 10L * 1024 * 1024, 10,
            61_000, 10, 0));

    private static List<HandOff> switches(double thread, double process) {
        return List.of(Samples.handOff("virtual", thread, thread * 0.9, thread * 1.1), Samples.handOff("platform", thread, thread * 0.9, thread * 1.1),
                Samples.handOff("process", process, process * 0.9, process * 1.1));
    }

    @Test
    void claim7_isSupported_whenThreadsCostLessAndSwitchFaster() {
        Verdict v = claim7(CHEAP, switches(2, 9));
        assertThat(v.outcome()).isEqualTo(Outcome.SUPPORTED);
        assertThat(v.evidence()).contains("one hand-off: virtual 2.00 us (1.80-2.20)", "process 9.00 us (8.10-9.90)", "a JVM 59.6 MB");
    }

    @Test
    void claim7_isNotSupported_whenThreadsCostMore_andSwitchNoFaster() {
        assertThat(claim7(DEAR, switches(9, 2)).outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
        assertThat(claim7(DEAR, switches(2, 2)).outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
    }

    @Test
    void claim7_isMixed_whenThreadsCostLess_butTheSwitchTimesOverlap_orDifferByLessThanTheMargin() {
        assertThat(claim7(CHEAP, switches(2, 2.1)).outcome()).isEqualTo(Outcome.MIXED);
        // 1.8-2.2 against 2.34-2.86: apart, but a factor 1.3 is within what core placement alone makes.
        assertThat(claim7(CHEAP, switches(2, 2.6)).outcome()).isEqualTo(Outcome.MIXED);
        // Virtual threads clearly faster, platform threads like processes: threads as a whole are not.
        assertThat(claim7(CHEAP, List.of(Samples.handOff("virtual", 1.5, 1.2, 2.0), Samples.handOff("platform", 20, 4, 45),
                Samples.handOff("process", 25, 12, 50))).outcome()).isEqualTo(Outcome.MIXED);
    }

    @Test
    void claim7_isNotMeasured_withoutTheHandOffs() {
        Verdict v = claim7(CHEAP, List.of());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_MEASURED);
        assertThat(v.evidence()).startsWith("needs both halves");
    }

    // ---- claim 8: both halves ----

    private static Verdict claim8(CellResult chaos, IsolationScenario.Row thread) {
        return Verdicts.of(result(chaos == null ? List.of() : List.of(chaos), List.of(), new Probes(List.of(), thread, 0))).get(7);
    }

    private static CellResult lostUrls() {
        CellResult ok = Samples.chaosCell();
        return new CellResult(ok.cell(), null, List.of(ok.runs().get(0).withFailure("URL set differs from the seed list: 3 missing, 0 extra")));
    }

    @Test
    void claim8_isSupported_whenWorkersDieHarmlessly_andOneTaskTakesDownTheThreadModeJvm() {
        Verdict v = claim8(Samples.chaosCell(), Samples.threadFault(false, 39));
        assertThat(v.outcome()).isEqualTo(Outcome.SUPPORTED);
        assertThat(v.evidence()).startsWith("process 2x10: 2 worker JVMs SIGKILLed mid-crawl, 37 URLs handed out again,"
                + " the crawl still fetched exactly the site's 300 ground-truth URLs (0 errors)")
                .contains("virtual threads, one task exhausting the shared heap (oom-at): the JVM died (exit 70), 39 of 40 pages lost");
    }

    @Test
    void claim8_isNotSupported_whenTheChaosCrawlLostUrls_andTheThreadModeJvmSurvived() {
        Verdict v = claim8(lostUrls(), Samples.threadFault(true, 0));
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
        assertThat(v.evidence()).contains("did not survive intact: run 1: URL set differs from the seed list: 3 missing");
    }

    @Test
    void claim8_isMixed_whenOnlyOneHalfHolds() {
        assertThat(claim8(Samples.chaosCell(), Samples.threadFault(true, 0)).outcome()).isEqualTo(Outcome.MIXED);
        assertThat(claim8(lostUrls(), Samples.threadFault(false, 39)).outcome()).isEqualTo(Outcome.MIXED);
    }

    @Test
    void claim8_isNotMeasured_withOneHalfMissing_orNoWorkerKilled() {
        assertThat(claim8(Samples.chaosCell(), null).outcome()).isEqualTo(Outcome.NOT_MEASURED);
        assertThat(claim8(null, Samples.threadFault(false, 39)).outcome()).isEqualTo(Outcome.NOT_MEASURED);
        CellResult ok = Samples.chaosCell();
        RunResult r0 = ok.runs().get(0);
        RunResult noKill = new RunResult(r0.cell(), 1, null, r0.wallMillis(), r0.childMillis(), r0.pages(), 0, r0.urlCount(),
                r0.urlSetDigest(), 2, 20, List.of(1600L, 1650L), r0.usage(), 0, 0, -1);
        assertThat(claim8(new CellResult(ok.cell(), null, List.of(noKill)), Samples.threadFault(false, 39)).outcome())
                .isEqualTo(Outcome.NOT_MEASURED);
    }

    /**
     * The labels each claim can print, as a table: for every claim, measurements that lead to each
     * of its labels, and no measurements that lead to any other. Structural claims (1, 2, 3, 6)
     * are "shown" at best; claims 4 and 5 compare spreads ("no difference" when they overlap);
     * claims 7 and 8 have two halves ("mixed" when one holds).
     */
    @Test
    void everyLabelOfEveryClaim_isReachable_andNoOther() {
        BenchResult none = result(List.of());
        Cell one = Samples.cpu(Substrate.PLATFORM, 1);
        BenchResult twoThreads = result(List.of(Samples.cell(one, new long[] {2000, 2000, 2000},
                Samples.usage(100, 120, 23, 900, 2100, 1), 1, 2, List.of())));
        BenchResult noOsThreads = result(List.of(),
                List.of(new ParkedUnits("platform", 1000, 1000, 40_000, 40_100, 150, 61_000, 2, 0)), Probes.NONE);
        BenchResult fewerPids = result(List.of(Samples.cell(Samples.io(Substrate.PROCESS, 100, 500), new long[] {900},
                Samples.usage(300, 350, 100, 1000, 5000, 3), 1, 100, List.of(1500L, 1500L))));
        BenchResult lessPss = result(List.of(
                Samples.cell(Samples.io(Substrate.PLATFORM, 100, 500), new long[] {560}, Samples.usage(400, 420, 127, 7400, 5200, 1), 1, 100, List.of()),
                Samples.cell(Samples.io(Substrate.PROCESS, 100, 500), new long[] {980}, Samples.usage(300, 330, 180, 19000, 14000, 3), 2, 100, List.of(1650L))));
        CellResult lo = io(Substrate.VIRTUAL, 10, 205, 210, 215);
        Map<Integer, List<BenchResult>> scenarios = Map.of(
                1, List.of(Samples.small(), twoThreads, none),
                2, List.of(Samples.small(), noOsThreads, none),
                3, List.of(Samples.small(), fewerPids, none),
                4, List.of(
                        result(List.of(ceiling(), lo, io(Substrate.VIRTUAL, 100, 210, 215, 220), io(Substrate.PROCESS, 100, 300, 310, 320))),
                        result(List.of(ceiling(), lo, io(Substrate.VIRTUAL, 100, 350, 360, 370), io(Substrate.PROCESS, 100, 210, 212, 214))),
                        result(List.of(ceiling(), lo, io(Substrate.VIRTUAL, 100, 210, 215, 240), io(Substrate.PROCESS, 100, 212, 220, 230))),
                        none),
                5, List.of(cpu(1.1, 1.9), cpu(1.9, 1.4), cpu(1.95, 1.7), cpu(1.1, 1.15)),
                6, List.of(Samples.small(), lessPss, none),
                7, List.of(result(List.of(), CHEAP, new Probes(switches(2, 9), null, 0)),
                        result(List.of(), DEAR, new Probes(switches(9, 2), null, 0)),
                        result(List.of(), CHEAP, new Probes(switches(2, 2.1), null, 0)),
                        result(List.of(), CHEAP, Probes.NONE)),
                8, List.of(result(List.of(Samples.chaosCell()), List.of(), new Probes(List.of(), Samples.threadFault(false, 39), 0)),
                        result(List.of(lostUrls()), List.of(), new Probes(List.of(), Samples.threadFault(true, 0), 0)),
                        result(List.of(Samples.chaosCell()), List.of(), new Probes(List.of(), Samples.threadFault(true, 0), 0)),
                        result(List.of(Samples.chaosCell()), List.of(), Probes.NONE)));
        Set<Outcome> structural = EnumSet.of(Outcome.SHOWN, Outcome.NOT_SUPPORTED, Outcome.NOT_MEASURED);
        Set<Outcome> compared = EnumSet.of(Outcome.SUPPORTED, Outcome.NOT_SUPPORTED, Outcome.NO_DIFFERENCE, Outcome.NOT_MEASURED);
        Set<Outcome> halves = EnumSet.of(Outcome.SUPPORTED, Outcome.NOT_SUPPORTED, Outcome.MIXED, Outcome.NOT_MEASURED);
        Map<Integer, Set<Outcome>> documented = Map.of(1, structural, 2, structural, 3, structural, 4, compared, 5, compared,
                6, structural, 7, halves, 8, halves);
        for (int claim = 1; claim <= 8; claim++) {
            int c = claim;
            Set<Outcome> reached = EnumSet.noneOf(Outcome.class);
            scenarios.get(c).forEach(r -> reached.add(Verdicts.of(r).get(c - 1).outcome()));
            assertThat(reached).as("labels of claim " + c).isEqualTo(documented.get(c));
        }
    }

    private static BenchResult result(List<CellResult> cells) {
        return result(cells, List.of(), Probes.NONE);
    }

    private static BenchResult result(List<CellResult> cells, List<ParkedUnits> parked, Probes probes) {
        return new BenchResult(Samples.MACHINE, "embedded fixture site", 3, 1, UnitStartup.NOT_MEASURED, parked, cells, -1, 1000,
                Duration.ofSeconds(45), List.of(), probes);
    }
}
