package crawler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.bench.Verdict.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    @Test
    void verdicts_ofFixedMeasurements_areTheExpectedOutcomes() {
        List<Outcome> outcomes = Verdicts.of(Samples.small()).stream().map(Verdict::outcome).toList();
        assertThat(outcomes).containsExactly(Outcome.SUPPORTED, Outcome.SUPPORTED, Outcome.SUPPORTED, Outcome.SUPPORTED,
                Outcome.NOT_SUPPORTED, Outcome.SUPPORTED, Outcome.SUPPORTED, Outcome.SUPPORTED);
    }

    @Test
    void claim5_isSupported_whenProcessesScaleAndThreadsDoNot() {
        List<CellResult> cells = new ArrayList<>();
        cells.add(Samples.cell(Samples.cpu(Substrate.PLATFORM, 1), new long[] {2000}, Samples.usage(100, 120, 23, 900, 2100, 1), 1, 1, List.of()));
        cells.add(Samples.cell(Samples.cpu(Substrate.PLATFORM, 2), new long[] {1900}, Samples.usage(100, 120, 23, 900, 2100, 1), 1, 2, List.of()));
        cells.add(Samples.cell(Samples.cpu(Substrate.PROCESS_1T, 1), new long[] {2000}, Samples.usage(200, 240, 40, 900, 2100, 2), 1, 1, List.of(1500L)));
        cells.add(Samples.cell(Samples.cpu(Substrate.PROCESS_1T, 2), new long[] {1000}, Samples.usage(300, 360, 60, 900, 2100, 3), 2, 2, List.of(1500L, 1500L)));
        Verdict v = Verdicts.of(result(cells)).get(4);
        assertThat(v.outcome()).isEqualTo(Outcome.SUPPORTED);
        assertThat(v.evidence()).contains("platform 1.05x", "process-1t 2.00x", "processes scaled better");
    }

    @Test
    void claim5_isNotJudged_onABusyMachine() {
        BenchResult quiet = Samples.small();
        BenchResult busy = new BenchResult(quiet.machine(), quiet.target(), quiet.repeats(), quiet.warmups(), quiet.unitStartup(), quiet.parkedUnits(), quiet.cells(),
                0.4, quiet.elapsedMillis(), quiet.budget());
        Verdict v = Verdicts.of(busy).get(4);
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_MEASURED);
        assertThat(v.evidence()).startsWith("machine busy (other processes used 40% of its CPU)");
    }

    @Test
    void claim3_isNotSupported_whenARunSawFewerPidsThanWorkers() {
        Cell cell = Samples.io(Substrate.PROCESS, 100, 500);
        CellResult c = Samples.cell(cell, new long[] {900}, Samples.usage(300, 350, 100, 1000, 5000, 3), 1, 100, List.of(1500L, 1500L));
        assertThat(Verdicts.of(result(List.of(c))).get(2).outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
    }

    @Test
    void everyClaim_saysNotMeasured_withoutCells() {
        List<Verdict> v = Verdicts.of(result(List.of()));
        assertThat(v).extracting(Verdict::outcome).containsOnly(Outcome.NOT_MEASURED);
        assertThat(v).extracting(Verdict::claim).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void claim8_isSupported_byKilledWorkersWhoseUrlsWereHandedOutAgain_andSaysTheThreadHalfIsMissing() {
        Verdict v = Verdicts.of(result(List.of(Samples.chaosCell()))).get(7);
        assertThat(v.outcome()).isEqualTo(Outcome.SUPPORTED);
        assertThat(v.evidence()).startsWith("process 2x10: 2 worker JVMs SIGKILLed mid-crawl, 37 URLs handed out again,"
                + " the crawl still fetched exactly the site's 300 ground-truth URLs (0 errors)")
                .endsWith("the thread-mode half (one task exhausting the shared heap) is measured by ./crawler isolate");
    }

    @Test
    void claim8_isNotSupported_whenTheChaosCrawlLostOrAddedUrls() {
        CellResult ok = Samples.chaosCell();
        CellResult lost = new CellResult(ok.cell(), null,
                List.of(ok.runs().get(0).withFailure("URL set differs from the seed list: 3 missing, 0 extra")));
        Verdict v = Verdicts.of(result(List.of(lost))).get(7);
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
        assertThat(v.evidence()).contains("did not survive intact: run 1: URL set differs from the seed list: 3 missing");
    }

    @Test
    void claim8_isNotMeasured_whenNoWorkerWasKilled_orTheCellWasSkipped() {
        CellResult ok = Samples.chaosCell();
        RunResult r0 = ok.runs().get(0);
        RunResult noKill = new RunResult(r0.cell(), 1, null, r0.wallMillis(), r0.childMillis(), r0.pages(), 0, r0.urlCount(),
                r0.urlSetDigest(), 2, 20, List.of(1600L, 1650L), r0.usage(), 0, 0, -1);
        assertThat(Verdicts.of(result(List.of(new CellResult(ok.cell(), null, List.of(noKill))))).get(7).outcome())
                .isEqualTo(Outcome.NOT_MEASURED);
        assertThat(Verdicts.of(result(List.of(CellResult.skipped(ok.cell(), "budget: ...")))).get(7).outcome())
                .isEqualTo(Outcome.NOT_MEASURED);
    }

    @Test
    void claim7_comparesEachThreadModeAtItsHighestLevel_whenVirtualThreadsWentHigher() {
        List<CellResult> cells = List.of(
                Samples.cell(Samples.io(Substrate.VIRTUAL, 10_000, 10_000), new long[] {9000}, Samples.usage(700, 720, 40, 9000, 9000, 1), 1, 10_000, List.of()),
                Samples.cell(Samples.io(Substrate.VIRTUAL, 1000, 2000), new long[] {3000}, Samples.usage(430, 450, 40, 9000, 3000, 1), 1, 1000, List.of()),
                Samples.cell(Samples.io(Substrate.PLATFORM, 1000, 2000), new long[] {3000}, Samples.usage(560, 580, 1030, 9000, 3000, 1), 1, 1000, List.of()),
                Samples.cell(Samples.io(Substrate.PLATFORM, 2000, 4000), new long[] {5000}, Samples.usage(900, 930, 2030, 9000, 5000, 1), 1, 2000, List.of()));
        Verdict v = Verdicts.of(result(cells)).get(6);
        assertThat(v.evidence()).contains("at the highest levels run, virtual c=10,000 700.0 MB vs platform c=2,000 900.0 MB");
        Verdict sameTop = Verdicts.of(result(cells.subList(1, 3))).get(6);
        assertThat(sameTop.evidence()).doesNotContain("highest levels");
    }

    @Test
    void claim7_isMixed_whenAThreadStartsSlowerThanAWorkerJvm_thoughItCostsLessMemory() {
        BenchResult r = Samples.small();
        // Contrived: a platform thread taking 5 s to start, against workers at 1.5 s to hello.
        BenchResult slowThreads = new BenchResult(r.machine(), r.target(), r.repeats(), r.warmups(),
                new UnitStartup(1000, 5_000_000, 2.5), r.parkedUnits(), r.cells(), r.otherCpuShare(), r.elapsedMillis(), r.budget());
        assertThat(Verdicts.of(r).get(6).outcome()).isEqualTo(Outcome.SUPPORTED);
        assertThat(Verdicts.of(slowThreads).get(6).outcome()).isEqualTo(Outcome.MIXED);
    }

    @Test
    void claim7_isNotSupported_whenParkedThreadsCostMoreThanAWorkerJvm() {
        BenchResult r = Samples.small();
        // Contrived: 1 GB per parked platform thread, and no start-up figures to weigh against it.
        BenchResult dearThreads = new BenchResult(r.machine(), r.target(), r.repeats(), r.warmups(), UnitStartup.NOT_MEASURED,
                List.of(new ParkedUnits("platform", 10, 10, 10L * 1024 * 1024, 10L * 1024 * 1024, 10)),
                r.cells().stream().filter(c -> c.cell().workload() != Workload.STARTUP).toList(), r.otherCpuShare(),
                r.elapsedMillis(), r.budget());
        Verdict v = Verdicts.of(dearThreads).get(6);
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
        assertThat(v.evidence()).contains("parked alone: platform 1024.0 MB PSS each", "a worker JVM 112.5 MB");
    }

    @Test
    void claim3_ignoresTheChaosCrawl_whoseReplacedWorkersAddPids() {
        Cell io = Samples.io(Substrate.PROCESS, 100, 500);
        CellResult c = Samples.cell(io, new long[] {900}, Samples.usage(300, 350, 100, 1000, 5000, 3), 2, 100, List.of(1500L, 1500L));
        assertThat(Verdicts.of(result(List.of(c, Samples.chaosCell()))).get(2).outcome()).isEqualTo(Outcome.SUPPORTED);
    }

    private static BenchResult result(List<CellResult> cells) {
        return new BenchResult(Samples.MACHINE, "embedded fixture site", 1, 1, UnitStartup.NOT_MEASURED, java.util.List.of(), cells, -1, 1000, Duration.ofSeconds(45));
    }
}
