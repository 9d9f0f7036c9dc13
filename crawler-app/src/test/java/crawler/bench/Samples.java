package crawler.bench;

import crawler.bench.plan.BenchConfig;
import crawler.bench.plan.BenchPlan;
import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.run.Reference;
import crawler.bench.run.RunResult;
import crawler.bench.run.UrlSetMatch;
import crawler.bench.run.Wget2;
import crawler.bench.run.WholeProcessRun;
import crawler.bench.probe.CpuScaling;
import crawler.bench.probe.HandOff;
import crawler.bench.probe.IsolationScenario;
import crawler.bench.probe.Machine;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.probe.Probes;
import crawler.bench.probe.Provenance;
import crawler.bench.probe.TreeUsage;
import crawler.bench.probe.UnitStartup;
import crawler.bench.judge.Stat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Recorded-style measurements for report tests: small, fixed, covering every kind of cell. */
public final class Samples {

    public static final Machine MACHINE = new Machine("25.0.3+9-LTS", "Eclipse Adoptium", 2, "Linux", "6.1.0", "amd64");
    public static final Provenance PROVENANCE = new Provenance("0123abcd4567", "-Dcrawler.stderr.tty=false",
            java.time.Instant.parse("2026-12-02T17:00:00Z"), "bench-host");
    public static final UnitStartup UNITS = new UnitStartup(1000, 60.0, 2.5);

    private Samples() {
    }

    public static TreeUsage usage(long pssMb, long rssMb, int threads, long switches, long cpuMs, int processes) {
        return new TreeUsage(pssMb * 1024, rssMb * 1024, threads, switches * 3 / 4, switches / 4, cpuMs, processes, 40);
    }

    /** A run; virtual-thread runs at c >= 100 recorded as many pinning events as their repeat number. */
    public static RunResult run(Cell cell, int repeat, long wallMs, TreeUsage u, int pids, int threads, List<Long> startups) {
        long pinned = cell.substrate() != Substrate.VIRTUAL ? -1 : cell.concurrency() >= 100 ? repeat : 0;
        return new RunResult(cell, repeat, null, wallMs, wallMs + 900, cell.pages(), 0, cell.pages(), "d" + cell.pages(),
                pids, threads, startups, u, 0, 0, pinned, List.of(), peakInFlight(cell, repeat));
    }

    /** As a site would count it: all of c in flight, but worker processes at c >= 100 a varying three quarters. */
    public static int peakInFlight(Cell cell, int repeat) {
        int c = Math.min(cell.concurrency(), cell.pages());
        return cell.substrate() == Substrate.PROCESS && c >= 100 ? c * 3 / 4 - repeat : c;
    }

    /**
     * wget2 at c=10 (the ground truth fetched), at c=100 (pages missing and extra, as wget2 1.99
     * does on the fixture site) and not run at c=1000 for the budget.
     */
    public static List<Reference> references() {
        WholeProcessRun.Measured ten = new WholeProcessRun.Measured(0, 560, 120, usage(9, 12, 11, 700, 120, 1), 10, 430,
                51, Set.of(), "");
        WholeProcessRun.Measured hundred = new WholeProcessRun.Measured(8, 610, 350, usage(14, 16, 101, 3100, 350, 1), 100,
                520, 560, Set.of(), "");
        UrlSetMatch all = UrlSetMatch.of(pages(50), pages(50), Set.of());
        Set<String> asked = new TreeSet<>(pages(500));
        asked.removeAll(Set.of("/view?id=3&lang=en", "/view?id=10&lang=en"));
        asked.add("/hidden/nofollow-1.html");
        asked.add("/robots.txt");
        UrlSetMatch differs = UrlSetMatch.of(pages(500), asked, Set.of("/hidden/nofollow-1.html"));
        String cmd = "wget2 -r -l inf --max-threads=%d --robots=on";
        return List.of(new Reference.Measured("wget2", "GNU Wget2 1.99.1", cmd.formatted(10), 10, 100, 2, ten, all, null),
                new Reference.Measured("wget2", "GNU Wget2 1.99.1", cmd.formatted(100), 100, 100, 3, hundred, differs, null),
                new Reference.NotRun("wget2", 1000, "skipped: budget (about 4 s needed)"));
    }

    /** n page paths, two of them /view pages as on the fixture site. */
    private static Set<String> pages(int n) {
        Set<String> p = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            p.add(i == 3 || i == 10 ? "/view?id=" + i + "&lang=en" : "/l2/p" + i + ".html");
        }
        return p;
    }

    public static Cell chaos() {
        return new Cell(Workload.CHAOS, Substrate.PROCESS, 20, 16, 100, 0, 300, 100);
    }

    /** The chaos crawl: two workers killed, 37 URLs handed out again, the ground-truth URL set fetched. */
    public static CellResult chaosCell() {
        Cell c = chaos();
        return new CellResult(c, null, List.of(new RunResult(c, 1, null, 4200, 7100, 300, 0, 300, "d300", 3, 20,
                List.of(1600L, 1650L, 1700L, 1750L), usage(330, 400, 70, 9000, 9000, 3), 2, 37, -1, List.of(), 20)));
    }

    public static CellResult cell(Cell cell, long[] walls, TreeUsage u, int pids, int threads, List<Long> startups) {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < walls.length; i++) {
            runs.add(run(cell, i + 1, walls[i], u, pids, threads, startups));
        }
        return new CellResult(cell, null, runs);
    }

    public static Cell io(Substrate s, int c, int pages) {
        return new Cell(Workload.IO, s, c, 16, 100, 0, pages);
    }

    public static Cell cpu(Substrate s, int units) {
        return new Cell(Workload.CPU, s, units, 16, 0, 1500, 60);
    }

    /**
     * A three-run result: I/O at c=10 and 100 for three modes, virtual at c=1000 with two of three
     * runs and at c=10,000 skipped for the budget, a cell skipped for a limit and a failed one, CPU,
     * latency, start-up and a chaos crawl.
     */
    public static BenchResult small() {
        List<CellResult> cells = new ArrayList<>();
        cells.add(cell(io(Substrate.VIRTUAL, 10, 50), new long[] {520, 510, 560}, usage(110, 130, 30, 8000, 3000, 1), 1, 50, List.of()));
        cells.add(cell(io(Substrate.VIRTUAL, 100, 500), new long[] {540, 530, 700}, usage(125, 150, 32, 11000, 5000, 1), 1, 500, List.of()));
        cells.add(new CellResult(io(Substrate.VIRTUAL, 1000, 2000), null, List.of(
                run(io(Substrate.VIRTUAL, 1000, 2000), 1, 1400, usage(160, 185, 34, 20000, 8000, 1), 1, 1000, List.of()),
                run(io(Substrate.VIRTUAL, 1000, 2000), 2, 1500, usage(164, 189, 34, 21000, 8100, 1), 1, 1000, List.of()))));
        cells.add(CellResult.skipped(io(Substrate.VIRTUAL, 10_000, 10_000),
                "budget: run 1 would take about 12 s, 5 s of --budget 3m left"));
        cells.add(cell(io(Substrate.PLATFORM, 10, 50), new long[] {530, 525, 535}, usage(108, 128, 40, 7000, 2900, 1), 1, 10, List.of()));
        cells.add(cell(io(Substrate.PLATFORM, 100, 500), new long[] {560, 550, 570}, usage(135, 158, 127, 7400, 5200, 1), 1, 100, List.of()));
        cells.add(CellResult.skipped(io(Substrate.PLATFORM, 10_000, 10_000),
                BenchPlan.skipReason(BenchConfig.standard(), io(Substrate.PLATFORM, 10_000, 10_000))));
        cells.add(cell(io(Substrate.PROCESS, 10, 50), new long[] {900, 880, 950}, usage(310, 380, 78, 16000, 9500, 3), 2, 10, List.of(1600L, 1700L)));
        cells.add(cell(io(Substrate.PROCESS, 100, 500), new long[] {980, 940, 1010}, usage(360, 430, 180, 19000, 14000, 3), 2, 100, List.of(1650L, 1750L)));
        Cell bad = io(Substrate.PROCESS_1T, 2, 20);
        cells.add(new CellResult(bad, null, List.of(
                run(bad, 1, 2000, usage(300, 350, 60, 5000, 8000, 3), 2, 2, List.of(1800L, 1900L)),
                new RunResult(bad, 2, null, 2100, 3000, 19, 0, 19, "other", 2, 2, List.of(1800L, 1900L), usage(300, 350, 60, 5000, 8000, 3)))));
        cells.add(cell(cpu(Substrate.PLATFORM, 1), new long[] {2000, 2100, 2050}, usage(100, 120, 23, 900, 2100, 1), 1, 1, List.of()));
        cells.add(cell(cpu(Substrate.PLATFORM, 2), new long[] {1100, 1080, 1150}, usage(102, 122, 24, 950, 2200, 1), 1, 2, List.of()));
        cells.add(cell(cpu(Substrate.PROCESS_1T, 1), new long[] {2100, 2150, 2200}, usage(200, 240, 40, 1500, 4000, 2), 1, 1, List.of(1500L)));
        cells.add(cell(cpu(Substrate.PROCESS_1T, 2), new long[] {1200, 1190, 1260}, usage(300, 360, 60, 1800, 6000, 3), 2, 2, List.of(1600L, 1650L)));
        cells.add(cell(new Cell(Workload.LATENCY, Substrate.VIRTUAL, 100, 16, 0, 0, 500), new long[] {400, 390, 420},
                usage(120, 140, 30, 9000, 4000, 1), 1, 500, List.of()));
        cells.add(cell(new Cell(Workload.STARTUP, Substrate.VIRTUAL, 1, 1, 0, 0, 1), new long[] {300, 310, 290},
                usage(90, 100, 25, 300, 1200, 1), 1, 1, List.of()));
        cells.add(cell(new Cell(Workload.STARTUP, Substrate.PROCESS, 1, 1, 0, 0, 1), new long[] {400, 420, 410},
                usage(180, 210, 42, 600, 3000, 2), 1, 1, List.of(1500L)));
        cells.add(chaosCell());
        return new BenchResult(MACHINE, "embedded fixture site", 3, 1, UNITS,
                List.of(new ParkedUnits("virtual", 1000, 1000, 3_200, 3_300, 1_900, 61_000, 3, 2),
                        new ParkedUnits("platform", 1000, 1000, 40_000, 40_100, 150, 61_000, 1000, 0)),
                cells, 0.05, 95_000, Duration.ofMinutes(3), references(), probes(), PROVENANCE);
    }

    /**
     * Hand-offs that favour threads, a thread-mode crawl whose JVM one task's heap exhaustion took
     * down, and CPU work that scales alike on threads and processes.
     */
    public static Probes probes() {
        return new Probes(List.of(handOff("virtual", 1.5, 1.4, 1.7), handOff("platform", 3.0, 2.8, 3.3),
                handOff("process", 9.0, 8.5, 10.0)), threadFault(false, 39), 42, cpuScaling(1.90, 1.85));
    }

    /** Speed-ups at 2 units over 1, 3 rounds, each with a spread of 0.1 around its median. */
    public static CpuScaling cpuScaling(double threads, double processes) {
        return new CpuScaling(2, 3, 1000, new Stat(1000, 980, 1040), new Stat(threads, threads - 0.05, threads + 0.05),
                new Stat(processes, processes - 0.05, processes + 0.05), 1, 1);
    }

    public static HandOff handOff(String kind, double median, double min, double max) {
        return new HandOff(kind, new Stat(median, min, max), 20_000);
    }

    public static IsolationScenario.Row threadFault(boolean survived, long lost) {
        return new IsolationScenario.Row("virtual", "oom-at", survived ? 0 : 70, false, 40, 40 - lost, 0, 0, lost, 0, -1, survived,
                survived ? "crawl complete" : "a fetch thread died of an Error: JVM halted");
    }
}
