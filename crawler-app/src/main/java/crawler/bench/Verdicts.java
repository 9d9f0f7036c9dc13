package crawler.bench;

import crawler.bench.Verdict.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The seed's eight claims, each judged on the measurements with the figure that decides it. A
 * pure function of a {@link BenchResult}; a claim the run has no figure for says so.
 */
public final class Verdicts {

    /** Thread speed-up at least this share of the process speed-up counts as "scales like processes". */
    static final double SCALES_ALIKE = 0.85;

    private Verdicts() {
    }

    public static List<Verdict> of(BenchResult r) {
        return List.of(claim1(r), claim2(r), claim3(r), claim4(r), claim5(r), claim6(r), claim7(r), claim8(r));
    }

    private static Verdict claim1(BenchResult r) {
        String text = "ordinary code runs as one process with one thread";
        // Ordinary code is one platform thread; virtual mode starts a new virtual thread per URL even at concurrency 1.
        List<CellResult> one = r.cells().stream()
                .filter(c -> c.ok() && c.cell().concurrency() == 1 && c.cell().substrate() == Substrate.PLATFORM).toList();
        if (one.isEmpty()) {
            return new Verdict(1, text, Outcome.NOT_MEASURED, "no platform-thread crawl at concurrency 1 in this run");
        }
        boolean all = one.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == 1 && x.fetchThreads() == 1));
        return new Verdict(1, text, all ? Outcome.SUPPORTED : Outcome.NOT_SUPPORTED,
                "concurrency 1: " + Analysis.join(one, c -> c.cell().workload().label() + " " + c.cell().substrate().label() + " fetched with "
                        + c.runs().get(0).pids() + " pid, " + c.runs().get(0).fetchThreads() + " thread"));
    }

    private static Verdict claim2(BenchResult r) {
        String text = "threads of one process share its pid and differ in thread id";
        List<CellResult> cells = new ArrayList<>();
        for (Substrate s : List.of(Substrate.PLATFORM, Substrate.VIRTUAL)) {
            r.cells(Workload.IO, s).stream().filter(c -> c.ok() && c.cell().concurrency() > 1)
                    .max(Comparator.comparingInt(c -> c.cell().concurrency())).ifPresent(cells::add);
        }
        if (cells.isEmpty()) {
            return new Verdict(2, text, Outcome.NOT_MEASURED, "no thread-mode I/O cell above concurrency 1");
        }
        boolean all = cells.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == 1 && x.fetchThreads() > 1));
        return new Verdict(2, text, all ? Outcome.SUPPORTED : Outcome.NOT_SUPPORTED,
                Analysis.join(cells, c -> String.format(Locale.ROOT, "%s c=%d: %d pid, %s distinct thread ids",
                        c.cell().substrate().label(), c.cell().concurrency(), c.runs().get(0).pids(),
                        Fmt.integer(c.runs().get(0).fetchThreads()))));
    }

    private static Verdict claim3(BenchResult r) {
        String text = "worker processes have different pids";
        // The chaos crawl replaces the workers it kills, so it sees more pids than workers by design.
        List<CellResult> cells = r.cells().stream()
                .filter(c -> c.ok() && c.cell().workers() > 1 && c.cell().workload() != Workload.CHAOS).toList();
        if (cells.isEmpty()) {
            return new Verdict(3, text, Outcome.NOT_MEASURED, "no process-mode cell with two or more workers");
        }
        boolean all = cells.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == c.cell().workers()));
        CellResult shown = cells.stream().max(Comparator.comparingInt(c -> c.cell().workers())).orElseThrow();
        return new Verdict(3, text, all ? Outcome.SUPPORTED : Outcome.NOT_SUPPORTED,
                String.format(Locale.ROOT, "%d process-mode cells, each run fetched with one pid per worker%s; e.g. %s %s: %d pids",
                        cells.size(), all ? "" : " (NOT in every run)", shown.cell().substrate().label(), shown.cell().shape(),
                        shown.runs().get(0).pids()));
    }

    private static Verdict claim4(BenchResult r) {
        String text = "crawling is I/O-bound, so threads fit it";
        // Compare at the highest concurrency both a thread mode and process mode reached.
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS);
        if (proc.isEmpty()) {
            return new Verdict(4, text, Outcome.NOT_MEASURED, "no clean process-mode I/O cell to compare with");
        }
        int c = proc.get().cell().concurrency();
        Optional<CellResult> thread = bestAt(r, c);
        if (thread.isEmpty()) {
            return new Verdict(4, text, Outcome.NOT_MEASURED, "no clean thread-mode I/O cell at c=" + c);
        }
        CellResult t = thread.get();
        CellResult p = proc.get();
        double tr = t.pagesPerSecond().median();
        double pr = p.pagesPerSecond().median();
        boolean faster = tr >= 0.9 * pr;
        boolean lighter = t.measuredUsage() && p.measuredUsage() && t.peakPssKb().median() < p.peakPssKb().median();
        Outcome o = faster && (lighter || !t.measuredUsage()) ? Outcome.SUPPORTED : faster || lighter ? Outcome.MIXED : Outcome.NOT_SUPPORTED;
        String evidence = String.format(Locale.ROOT, "c=%d, latency %d ms: %s %s pages/s (efficiency %s) with %s MB PSS vs process %s %s pages/s (efficiency %s) with %s MB PSS",
                c, t.cell().latencyMillis(), t.cell().substrate().label(), Fmt.rate(tr), Fmt.ratio(t.efficiency()),
                t.measuredUsage() ? Fmt.mb(t.peakPssKb().median()) : "-", p.cell().shape(), Fmt.rate(pr),
                Fmt.ratio(p.efficiency()), p.measuredUsage() ? Fmt.mb(p.peakPssKb().median()) : "-");
        return new Verdict(4, text, o, evidence + ceilingNote(r));
    }

    private static Optional<CellResult> bestAt(BenchResult r, int c) {
        return List.of(Substrate.VIRTUAL, Substrate.PLATFORM).stream()
                .flatMap(s -> Analysis.at(r, Workload.IO, s, c).stream())
                .max(Comparator.comparingDouble(x -> x.pagesPerSecond().median()));
    }

    private static String ceilingNote(BenchResult r) {
        return r.ceilingPagesPerSecond().map(x -> String.format(Locale.ROOT,
                "; the highest throughput measured in this run: %s pages/s (%d cores)", Fmt.rate(x), r.machine().cores())).orElse("");
    }

    private static Verdict claim5(BenchResult r) {
        String text = "CPU-bound work fits processes (Python: the GIL); the JVM has no GIL";
        List<CellResult> cpu = r.cells(Workload.CPU).stream().filter(CellResult::ok).toList();
        int top = cpu.stream().mapToInt(c -> c.cell().concurrency()).filter(u -> u > 1).max().orElse(0);
        if (top == 0) {
            return new Verdict(5, text, Outcome.NOT_MEASURED, "no CPU-bound cell above one unit");
        }
        Optional<CellResult> proc = cpu.stream().filter(c -> c.cell().substrate() == Substrate.PROCESS_1T && c.cell().concurrency() == top).findFirst();
        List<CellResult> threads = cpu.stream().filter(c -> c.cell().substrate() != Substrate.PROCESS_1T
                && c.cell().substrate() != Substrate.PROCESS && c.cell().concurrency() == top).toList();
        if (proc.isEmpty() || threads.isEmpty()) {
            return new Verdict(5, text, Outcome.NOT_MEASURED, "needs CPU-bound cells of threads and of processes at " + top + " units");
        }
        double ps = Analysis.speedup(proc.get(), r.cells());
        double ts = threads.stream().mapToDouble(c -> Analysis.speedup(c, r.cells())).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
        if (Double.isNaN(ps) || Double.isNaN(ts)) {
            return new Verdict(5, text, Outcome.NOT_MEASURED, "needs a clean one-unit CPU-bound cell per mode");
        }
        String figures = String.format(Locale.ROOT, "speed-up at %d units over 1: %s; process-1t %sx (%d cores, so at most %dx)",
                top, Analysis.join(threads, c -> c.cell().substrate().label() + " " + Fmt.ratio(Analysis.speedup(c, r.cells())) + "x"),
                Fmt.ratio(ps), r.machine().cores(), Math.min(top, r.machine().cores()));
        if (r.machineBusy()) {
            // Other work used the cores: a speed-up then measures the neighbours, not the model.
            return new Verdict(5, text, Outcome.NOT_MEASURED, String.format(Locale.ROOT,
                    "machine busy (other processes used %.0f%% of its CPU), speed-ups not trusted: %s",
                    100 * r.otherCpuShare(), figures));
        }
        // The seed's claim is that processes are needed for CPU-bound work; threads scaling as well refutes it for Java.
        Outcome o = ts >= SCALES_ALIKE * ps ? Outcome.NOT_SUPPORTED : Outcome.SUPPORTED;
        String meaning = o == Outcome.NOT_SUPPORTED ? " -- Java threads scale like processes on CPU work" : " -- processes scaled better here";
        return new Verdict(5, text, o, figures + meaning);
    }

    private static Verdict claim6(BenchResult r) {
        String text = "threads share one memory; processes each have their own";
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS);
        if (proc.isEmpty() || !proc.get().measuredUsage()) {
            return new Verdict(6, text, Outcome.NOT_MEASURED, "no clean process-mode I/O cell with memory figures (they need Linux /proc)");
        }
        int c = proc.get().cell().concurrency();
        Optional<CellResult> thread = memoryPartner(r, c);
        if (thread.isEmpty() || !thread.get().measuredUsage()) {
            return new Verdict(6, text, Outcome.NOT_MEASURED, "no measured thread-mode I/O cell at c=" + c);
        }
        CellResult p = proc.get();
        CellResult t = thread.get();
        double extraPerWorker = (p.peakPssKb().median() - t.peakPssKb().median()) / p.cell().workers();
        Outcome o = p.peakPssKb().median() > t.peakPssKb().median() ? Outcome.SUPPORTED : Outcome.NOT_SUPPORTED;
        return new Verdict(6, text, o, String.format(Locale.ROOT,
                "c=%d: %s (1 JVM) %s MB PSS vs process %s (coordinator + %d JVMs) %s MB PSS (RSS %s MB): %s more per worker JVM",
                c, t.cell().substrate().label(), Fmt.mb(t.peakPssKb().median()), p.cell().shape(), p.cell().workers(),
                Fmt.mb(p.peakPssKb().median()), Fmt.mb(p.peakRssKb().median()), Fmt.size(extraPerWorker)));
    }

    /**
     * The thread-mode cell a process-mode cell's memory is compared with, in claims 6 and 7 alike:
     * platform threads at the same concurrency (worker JVMs fetch on platform threads too, so the
     * difference is the JVMs), else virtual threads.
     */
    private static Optional<CellResult> memoryPartner(BenchResult r, int c) {
        return Analysis.at(r, Workload.IO, Substrate.PLATFORM, c).or(() -> Analysis.at(r, Workload.IO, Substrate.VIRTUAL, c));
    }

    /**
     * Claim 7 is judged on two prices. Memory: a worker JVM's extra PSS against the dearest
     * thread's per-unit PSS (in the crawls, or parked alone). Start-up: a platform thread's start
     * against a worker JVM's spawn to hello. Either one contradicting the claim makes it mixed or
     * not supported; context switches are reported, not judged.
     */
    private static Verdict claim7(BenchResult r) {
        String text = "threads use less memory and switch context faster";
        List<String> parts = new ArrayList<>();
        List<Double> threadKb = new ArrayList<>();
        List<String> perUnit = new ArrayList<>();
        for (Substrate s : List.of(Substrate.VIRTUAL, Substrate.PLATFORM)) {
            Analysis.memoryPerUnitKb(r.cells(Workload.IO, s)).ifPresent(kb -> {
                perUnit.add(s.label() + " " + Fmt.size(kb));
                threadKb.add(kb);
            });
        }
        if (!perUnit.isEmpty()) {
            parts.add("peak PSS per unit in the crawls: " + String.join(", ", perUnit));
        }
        topLevels(r).ifPresent(parts::add);
        if (!r.parkedUnits().isEmpty()) {
            // The threads alone, without the pages a crawl holds: the cleanest per-unit price.
            parts.add("parked alone: " + String.join(", ", r.parkedUnits().stream()
                    .map(p -> p.kind() + " " + Fmt.size(p.pssPerUnitKb())).toList()) + " PSS each");
            r.parkedUnits().forEach(p -> threadKb.add(p.pssPerUnitKb()));
        }
        Optional<Double> workerKb = workerJvmKb(r);
        workerKb.ifPresent(kb -> parts.add("a worker JVM " + Fmt.size(kb)));
        Boolean memory = workerKb.isEmpty() || threadKb.isEmpty() ? null
                : workerKb.get() > threadKb.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        UnitStartup u = r.unitStartup();
        boolean workerStarted = r.cells().stream().anyMatch(c -> c.ok() && c.workerStartupMillis() != null);
        if (!Double.isNaN(u.virtualMicros())) {
            parts.add(String.format(Locale.ROOT, "start one virtual thread %.1f us, platform thread %.1f us%s",
                    u.virtualMicros(), u.platformMicros(), workerStarted ? String.format(Locale.ROOT,
                            ", worker JVM %s ms to hello", Fmt.integer(Math.round(Analysis.workerHelloMillis(r).median()))) : ""));
        }
        Boolean start = Double.isNaN(u.platformMicros()) || !workerStarted ? null
                : u.platformMicros() / 1000 < Analysis.workerHelloMillis(r).median();
        String switches = switchesPerPage(r);
        if (memory == null && start == null) {
            return new Verdict(7, text, Outcome.NOT_MEASURED,
                    "needs a process-mode cell beside thread-mode ones, or the start-up workload" + (parts.isEmpty() ? ""
                            : " (" + String.join("; ", parts) + ")"));
        }
        boolean against = Boolean.FALSE.equals(memory) || Boolean.FALSE.equals(start);
        boolean with = Boolean.TRUE.equals(memory) || Boolean.TRUE.equals(start);
        Outcome o = !against ? Outcome.SUPPORTED : with ? Outcome.MIXED : Outcome.NOT_SUPPORTED;
        return new Verdict(7, text, o, String.join("; ", parts) + switches);
    }

    /** A worker JVM's extra PSS over the thread-mode cell at the highest process-mode level, kB. */
    private static Optional<Double> workerJvmKb(BenchResult r) {
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS).filter(CellResult::measuredUsage);
        Optional<CellResult> thread = proc.flatMap(p -> memoryPartner(r, p.cell().concurrency())).filter(CellResult::measuredUsage);
        if (proc.isEmpty() || thread.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((proc.get().peakPssKb().median() - thread.get().peakPssKb().median()) / proc.get().cell().workers());
    }

    /**
     * Whole-tree memory of each thread model at the highest I/O-bound level it ran, when virtual
     * threads went higher than platform threads could (their limit, or the machine's).
     */
    private static Optional<String> topLevels(BenchResult r) {
        Optional<CellResult> v = Analysis.highest(r, Workload.IO, Substrate.VIRTUAL).filter(CellResult::measuredUsage);
        Optional<CellResult> p = Analysis.highest(r, Workload.IO, Substrate.PLATFORM).filter(CellResult::measuredUsage);
        if (v.isEmpty() || p.isEmpty() || v.get().cell().concurrency() <= p.get().cell().concurrency()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "at the highest levels run, virtual c=%s %s vs platform c=%s %s",
                Fmt.integer(v.get().cell().concurrency()), Fmt.size(v.get().peakPssKb().median()),
                Fmt.integer(p.get().cell().concurrency()), Fmt.size(p.get().peakPssKb().median())));
    }

    private static String switchesPerPage(BenchResult r) {
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS);
        if (proc.isEmpty() || !proc.get().measuredUsage()) {
            return "";
        }
        int c = proc.get().cell().concurrency();
        List<CellResult> cells = new ArrayList<>();
        for (Substrate s : List.of(Substrate.VIRTUAL, Substrate.PLATFORM, Substrate.PROCESS)) {
            Analysis.at(r, Workload.IO, s, c).filter(CellResult::measuredUsage).ifPresent(cells::add);
        }
        return "; context switches per page at c=" + c + ": " + String.join(", ", cells.stream()
                .map(x -> x.cell().substrate().label() + " " + Fmt.ratio(x.contextSwitches().median() / x.pages())).toList());
    }

    /**
     * Claim 8 has two halves. Processes are isolated: the chaos crawl kills worker JVMs mid-crawl
     * and must still fetch exactly the ground-truth URL set, with every killed worker's URLs handed
     * out again. One thread's failure can take down the process: that needs a thread-mode scenario
     * (a failure inside the one JVM); until one runs, that half is reported as not measured.
     */
    private static Verdict claim8(BenchResult r) {
        String text = "one thread's failure can take down the process; processes are isolated";
        List<CellResult> chaos = r.cells(Workload.CHAOS).stream().filter(c -> !c.skipped()).toList();
        String threadHalf = "; the thread-mode half (one task exhausting the shared heap) is measured by ./crawler isolate";
        if (chaos.isEmpty()) {
            return new Verdict(8, text, Outcome.NOT_MEASURED, "no chaos crawl in this run (workload chaos, process mode)");
        }
        CellResult c = chaos.get(0);
        if (!c.ok()) {
            return new Verdict(8, text, Outcome.NOT_SUPPORTED, String.format(Locale.ROOT,
                    "process %s with a worker SIGKILLed every %d results did not survive intact: %s%s",
                    c.cell().shape(), c.cell().killWorkerEvery(), c.failure(), threadHalf));
        }
        if (c.workerDeaths() == 0) {
            return new Verdict(8, text, Outcome.NOT_MEASURED, String.format(Locale.ROOT,
                    "the chaos crawl ended before any worker was killed (%d pages, kill every %d results)",
                    c.pages(), c.cell().killWorkerEvery()));
        }
        return new Verdict(8, text, Outcome.SUPPORTED, String.format(Locale.ROOT,
                "process %s: %d worker JVM%s SIGKILLed mid-crawl, %d URLs handed out again, the crawl still fetched"
                        + " exactly the site's %d ground-truth URLs (%d errors)%s",
                c.cell().shape(), c.workerDeaths(), c.workerDeaths() == 1 ? "" : "s", c.requeued(), c.pages(), c.errors(),
                threadHalf));
    }
}
