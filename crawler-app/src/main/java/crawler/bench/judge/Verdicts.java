package crawler.bench.judge;

import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.probe.HandOff;
import crawler.bench.probe.IsolationScenario;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.probe.UnitStartup;
import crawler.bench.render.Fmt;

import crawler.bench.judge.Verdict.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The seed's eight claims, each judged on the measurements with the figure that decides it and
 * the rule that decided it. A pure function of a {@link BenchResult}; a claim the run has no
 * figure for says so. Claims 1, 2, 3 and 6 are structural (a run shows them, it cannot refute the
 * JVM's process model), so their best outcome is "shown"; claims 4, 5, 7 and 8 are tests that can
 * come out either way, and every comparison of timings compares min-max spreads of at least
 * {@link #MIN_RUNS} runs: overlapping spreads are "no difference".
 */
public final class Verdicts {

    /** Runs a figure needs before it decides anything: fewer have no spread worth the name. */
    public static final int MIN_RUNS = 3;
    /** Claim 4: a level counts only where c / latency is at most this share of the measured ceiling. */
    public static final double HEADROOM = 0.5;
    /** Claim 4: throughput must grow at least this share of c's growth (Little's law) for threads to fit. */
    public static final double GROWTH = 0.5;
    /** Claim 5: not judged unless some mode reaches this share of min(units, cores) as speed-up. */
    public static final double CPU_FLOOR = 0.6;

    public static final String RULE_1 = "shown when a one-thread crawl (platform, c=1) fetched every page with 1 pid and 1 thread";
    public static final String RULE_2 = "shown when every thread-mode crawl used 1 pid and many thread ids, and parked platform"
            + " threads added one OS thread id each in /proc/<pid>/task (virtual threads: only their carriers)";
    public static final String RULE_3 = "shown when every process-mode crawl fetched with one pid per worker";
    public static final String RULE_4 = "c / latency at most " + HEADROOM + " x the ceiling measured in this run (a zero-latency cell, or any faster crawl); threads fit when their"
            + " pages/s grows at least " + GROWTH + " x as fast as c and efficiency >= " + GROWTH + "; then threads vs processes at the top"
            + " such level: supported if the thread min beats the process max, not supported if below the process min (or threads do"
            + " not grow), no difference if the spreads overlap; >= " + MIN_RUNS + " runs per cell";
    public static final String RULE_5 = "CPU work, warm, >= " + MIN_RUNS + " runs; not judged unless a mode's speed-up reaches " + CPU_FLOOR
            + " x min(units, cores); supported if processes' speed-up min beats threads' max, not supported if threads'"
            + " min beats processes' max, no difference if the spreads overlap";
    public static final String RULE_6 = "shown when the process-mode tree (coordinator + worker JVMs) holds more PSS than one thread-mode JVM";
    public static final String RULE_7 = "memory: a parked thread's PSS against a JVM at rest (or a worker JVM's extra PSS); switching:"
            + " microseconds per token hand-off, thread pairs against two processes over a pipe, min-max over "
            + HandOff.ROUNDS + " rounds, faster only when the spreads do not overlap; supported if both favour threads,"
            + " not supported if neither does, mixed otherwise";
    public static final String RULE_8 = "supported when the process-mode crawl survives SIGKILLed workers with exactly the ground-truth"
            + " URLs and a thread-mode crawl loses pages or its JVM to one task exhausting the shared heap; not supported if"
            + " neither half holds; mixed if one does";

    private Verdicts() {
    }

    public static List<Verdict> of(BenchResult r) {
        return List.of(claim1(r), claim2(r), claim3(r), claim4(r), claim5(r), claim6(r), claim7(r), claim8(r));
    }

    /** +1 when a's spread lies wholly above b's, -1 wholly below, 0 when they overlap. */
    public static int compare(Stat a, Stat b) {
        return a.min() > b.max() ? 1 : a.max() < b.min() ? -1 : 0;
    }

    public static String spread(Stat s, java.util.function.DoubleFunction<String> f) {
        return f.apply(s.median()) + " (" + f.apply(s.min()) + "-" + f.apply(s.max()) + ")";
    }

    private static Verdict claim1(BenchResult r) {
        String text = "ordinary code runs as one process with one thread";
        // Ordinary code is one platform thread; virtual mode starts a new virtual thread per URL even at concurrency 1.
        List<CellResult> one = r.cells().stream()
                .filter(c -> c.ok() && c.cell().concurrency() == 1 && c.cell().substrate() == Substrate.PLATFORM).toList();
        if (one.isEmpty()) {
            return new Verdict(1, text, Outcome.NOT_MEASURED, "no platform-thread crawl at concurrency 1 in this run", RULE_1);
        }
        boolean all = one.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == 1 && x.fetchThreads() == 1));
        return new Verdict(1, text, all ? Outcome.SHOWN : Outcome.NOT_SUPPORTED,
                "concurrency 1: " + Analysis.join(one, c -> c.cell().workload().label() + " " + c.cell().substrate().label() + " fetched with "
                        + c.runs().get(0).pids() + " pid, " + c.runs().get(0).fetchThreads() + " thread"), RULE_1);
    }

    private static Verdict claim2(BenchResult r) {
        String text = "threads of one process share its pid and differ in thread id";
        List<CellResult> cells = new ArrayList<>();
        for (Substrate s : List.of(Substrate.PLATFORM, Substrate.VIRTUAL)) {
            r.cells(Workload.IO, s).stream().filter(c -> c.ok() && c.cell().concurrency() > 1)
                    .max(Comparator.comparingInt(c -> c.cell().concurrency())).ifPresent(cells::add);
        }
        List<ParkedUnits> parked = r.parkedUnits().stream().filter(ParkedUnits::osThreadsRead).toList();
        if (cells.isEmpty() && parked.isEmpty()) {
            return new Verdict(2, text, Outcome.NOT_MEASURED, "no thread-mode I/O cell above concurrency 1", RULE_2);
        }
        boolean crawls = cells.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == 1 && x.fetchThreads() > 1));
        // Each platform thread is an OS thread; a missing tenth allows for JVM threads that ended meanwhile.
        boolean os = parked.stream().filter(p -> p.kind().equals("platform")).allMatch(p -> p.osThreadsDelta() >= 0.9 * p.parked());
        List<String> parts = new ArrayList<>();
        if (!cells.isEmpty()) {
            parts.add(Analysis.join(cells, c -> String.format(Locale.ROOT, "%s c=%d: %d pid, %s distinct Java thread ids",
                    c.cell().substrate().label(), c.cell().concurrency(), c.runs().get(0).pids(),
                    Fmt.integer(c.runs().get(0).fetchThreads()))));
        }
        for (ParkedUnits p : parked) {
            parts.add(p.kind().equals("virtual")
                    ? String.format(Locale.ROOT, "%s virtual threads parked in 1 pid: +%d OS thread ids in /proc/<pid>/task, %d of them"
                            + " carriers (%s-*) that ran them", Fmt.integer(p.parked()), p.osThreadsDelta(), p.carrierThreads(),
                            ParkedUnits.CARRIER_PREFIX)
                    : String.format(Locale.ROOT, "%s platform threads parked in 1 pid: +%s OS thread ids in /proc/<pid>/task",
                            Fmt.integer(p.parked()), Fmt.integer(p.osThreadsDelta())));
        }
        return new Verdict(2, text, crawls && os ? Outcome.SHOWN : Outcome.NOT_SUPPORTED, String.join("; ", parts), RULE_2);
    }

    private static Verdict claim3(BenchResult r) {
        String text = "worker processes have different pids";
        // The chaos crawl replaces the workers it kills, so it sees more pids than workers by design.
        List<CellResult> cells = r.cells().stream()
                .filter(c -> c.ok() && c.cell().workers() > 1 && c.cell().workload() != Workload.CHAOS).toList();
        if (cells.isEmpty()) {
            return new Verdict(3, text, Outcome.NOT_MEASURED, "no process-mode cell with two or more workers", RULE_3);
        }
        boolean all = cells.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == c.cell().workers()));
        CellResult shown = cells.stream().max(Comparator.comparingInt(c -> c.cell().workers())).orElseThrow();
        return new Verdict(3, text, all ? Outcome.SHOWN : Outcome.NOT_SUPPORTED,
                String.format(Locale.ROOT, "%d process-mode cells, each run fetched with one pid per worker%s; e.g. %s %s: %d pids",
                        cells.size(), all ? "" : " (NOT in every run)", shown.cell().substrate().label(), shown.cell().shape(),
                        shown.runs().get(0).pids()), RULE_3);
    }

    /** Clean cells at the I/O latency whose c / latency stays well below the ceiling, by concurrency. */
    private static List<CellResult> belowCeiling(BenchResult r, Substrate s, double ceiling) {
        return r.cells(Workload.IO, s).stream()
                .filter(c -> c.clean() && c.cell().latencyMillis() > 0 && c.runs().size() >= MIN_RUNS
                        && c.cell().concurrency() * 1000.0 / c.cell().latencyMillis() <= HEADROOM * ceiling)
                .sorted(Comparator.comparingInt(c -> c.cell().concurrency())).toList();
    }

    private static Verdict claim4(BenchResult r) {
        String text = "crawling is I/O-bound, so threads fit it";
        Optional<Double> ceiling = r.zeroLatencyCeiling();
        if (ceiling.isEmpty()) {
            return new Verdict(4, text, Outcome.NOT_MEASURED,
                    "no clean zero-latency cell in this run to measure the machine's ceiling", RULE_4);
        }
        double top = ceiling.get();
        String ceilingNote = String.format(Locale.ROOT, "ceiling %s pages/s (a zero-latency cell, or any crawl that went faster; %d cores)",
                Fmt.rate(top), r.machine().cores());
        Optional<List<CellResult>> threads = List.of(Substrate.VIRTUAL, Substrate.PLATFORM).stream()
                .map(s -> belowCeiling(r, s, top)).filter(l -> l.size() >= 2).findFirst();
        List<CellResult> procs = belowCeiling(r, Substrate.PROCESS, top);
        if (threads.isEmpty() || procs.isEmpty()) {
            return new Verdict(4, text, Outcome.NOT_MEASURED, ceilingNote + "; needs two thread-mode levels and a process-mode level"
                    + " with c / latency <= " + HEADROOM + " x ceiling and " + MIN_RUNS + " clean runs each", RULE_4);
        }
        List<CellResult> t = threads.get();
        CellResult lo = t.getFirst();
        CellResult hi = t.getLast();
        double growth = hi.pagesPerSecond().median() / lo.pagesPerSecond().median();
        double cGrowth = (double) hi.cell().concurrency() / lo.cell().concurrency();
        boolean fit = growth >= GROWTH * cGrowth && hi.efficiency() >= GROWTH;
        String label = hi.cell().substrate().label();
        String grows = String.format(Locale.ROOT, "%s at latency %d ms: c=%d %s pages/s -> c=%d %s pages/s (x%s for x%s in c, efficiency %s)",
                label, hi.cell().latencyMillis(), lo.cell().concurrency(), Fmt.rate(lo.pagesPerSecond().median()),
                hi.cell().concurrency(), Fmt.rate(hi.pagesPerSecond().median()), Fmt.ratio(growth), Fmt.ratio(cGrowth),
                Fmt.ratio(hi.efficiency()));
        // Threads against processes at the highest level both ran below the ceiling.
        Optional<CellResult> pAt = procs.stream().filter(p -> t.stream().anyMatch(x -> x.cell().concurrency() == p.cell().concurrency()))
                .max(Comparator.comparingInt(p -> p.cell().concurrency()));
        if (!fit) {
            return new Verdict(4, text, Outcome.NOT_SUPPORTED, grows + ": throughput did not grow with c; " + ceilingNote, RULE_4);
        }
        if (pAt.isEmpty()) {
            return new Verdict(4, text, Outcome.NOT_MEASURED, grows + "; no process-mode cell at the same level; " + ceilingNote, RULE_4);
        }
        CellResult p = pAt.get();
        CellResult th = t.stream().filter(x -> x.cell().concurrency() == p.cell().concurrency()).findFirst().orElseThrow();
        int cmp = compare(th.pagesPerSecond(), p.pagesPerSecond());
        Outcome o = cmp > 0 ? Outcome.SUPPORTED : cmp < 0 ? Outcome.NOT_SUPPORTED : Outcome.NO_DIFFERENCE;
        String vs = String.format(Locale.ROOT, "c=%d: %s %s pages/s vs process %s %s pages/s", p.cell().concurrency(), label,
                spread(th.pagesPerSecond(), Fmt::rate), p.cell().shape(), spread(p.pagesPerSecond(), Fmt::rate));
        String meaning = switch (o) {
            case SUPPORTED -> "threads fit, and beat processes";
            case NOT_SUPPORTED -> "threads fit, but processes were faster";
            default -> "threads fit I/O, and so do processes: the spreads overlap";
        };
        return new Verdict(4, text, o, meaning + ": " + grows + "; " + vs + "; " + ceilingNote, RULE_4);
    }

    /** Speed-up of each run of {@code cell} over the median wall time of its substrate's one-unit cell; null without one. */
    public static Stat speedups(CellResult cell, List<CellResult> all) {
        return all.stream()
                .filter(c -> c.ok() && c.cell().workload() == cell.cell().workload()
                        && c.cell().substrate() == cell.cell().substrate() && c.cell().concurrency() == 1)
                .findFirst()
                .map(one -> Stat.of(cell.runs().stream().map(x -> one.wallMillis().median() / x.wallMillis()).toList()))
                .orElse(null);
    }

    private static Verdict claim5(BenchResult r) {
        String text = "CPU-bound work fits processes (Python: the GIL); the JVM has no GIL";
        List<CellResult> cpu = r.cells(Workload.CPU).stream().filter(c -> c.ok() && c.runs().size() >= MIN_RUNS).toList();
        int top = cpu.stream().mapToInt(c -> c.cell().concurrency()).filter(u -> u > 1).max().orElse(0);
        if (top == 0) {
            return new Verdict(5, text, Outcome.NOT_MEASURED, "no CPU-bound cell above one unit with " + MIN_RUNS + " runs", RULE_5);
        }
        Optional<CellResult> proc = cpu.stream().filter(c -> c.cell().substrate() == Substrate.PROCESS_1T && c.cell().concurrency() == top).findFirst();
        Optional<CellResult> thread = cpu.stream().filter(c -> c.cell().workers() == 0 && c.cell().concurrency() == top)
                .filter(c -> speedups(c, cpu) != null).max(Comparator.comparingDouble(c -> speedups(c, cpu).median()));
        Stat ps = proc.map(p -> speedups(p, cpu)).orElse(null);
        if (ps == null || thread.isEmpty()) {
            return new Verdict(5, text, Outcome.NOT_MEASURED, "needs warm CPU-bound cells of threads and of one-thread worker"
                    + " processes at 1 and " + top + " units, " + MIN_RUNS + " runs each", RULE_5);
        }
        Stat ts = speedups(thread.get(), cpu);
        int ideal = Math.min(top, r.machine().cores());
        String figures = String.format(Locale.ROOT, "speed-up at %d units over 1 (at most %dx on %d cores): %s %sx, process-1t %sx",
                top, ideal, r.machine().cores(), thread.get().cell().substrate().label(), spread(ts, Fmt::ratio), spread(ps, Fmt::ratio));
        if (Math.max(ts.median(), ps.median()) < CPU_FLOOR * ideal) {
            // Neither scaled: the cores were not free for the units, so the comparison says nothing about the models.
            return new Verdict(5, text, Outcome.NOT_MEASURED, String.format(Locale.ROOT,
                    "not judged: no mode reached %.1fx (%s)%s", CPU_FLOOR * ideal, figures,
                    r.otherCpuShare() >= 0 ? String.format(Locale.ROOT, "; other processes used %.0f%% of the CPU meanwhile",
                            100 * r.otherCpuShare()) : ""), RULE_5);
        }
        int cmp = compare(ps, ts);
        Outcome o = cmp > 0 ? Outcome.SUPPORTED : cmp < 0 ? Outcome.NOT_SUPPORTED : Outcome.NO_DIFFERENCE;
        String meaning = switch (o) {
            case SUPPORTED -> "processes scaled better than threads here, as the seed says";
            case NOT_SUPPORTED -> "Java threads scaled better than processes: the seed's claim holds for CPython's GIL and does"
                    + " not carry over to the JVM";
            default -> "Java threads scale like processes on CPU work: the seed's claim holds for CPython's GIL and does not"
                    + " carry over to the JVM";
        };
        return new Verdict(5, text, o, meaning + "; " + figures, RULE_5);
    }

    private static Verdict claim6(BenchResult r) {
        String text = "threads share one memory; processes each have their own";
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS);
        if (proc.isEmpty() || !proc.get().measuredUsage()) {
            return new Verdict(6, text, Outcome.NOT_MEASURED, "no clean process-mode I/O cell with memory figures (they need Linux /proc)", RULE_6);
        }
        int c = proc.get().cell().concurrency();
        Optional<CellResult> thread = memoryPartner(r, c);
        if (thread.isEmpty() || !thread.get().measuredUsage()) {
            return new Verdict(6, text, Outcome.NOT_MEASURED, "no measured thread-mode I/O cell at c=" + c, RULE_6);
        }
        CellResult p = proc.get();
        CellResult t = thread.get();
        double extraPerWorker = (p.peakPssKb().median() - t.peakPssKb().median()) / p.cell().workers();
        Outcome o = p.peakPssKb().median() > t.peakPssKb().median() ? Outcome.SHOWN : Outcome.NOT_SUPPORTED;
        return new Verdict(6, text, o, String.format(Locale.ROOT,
                "c=%d: %s (1 JVM) %s MB PSS vs process %s (coordinator + %d JVMs) %s MB PSS (RSS %s MB): %s more per worker JVM",
                c, t.cell().substrate().label(), Fmt.mb(t.peakPssKb().median()), p.cell().shape(), p.cell().workers(),
                Fmt.mb(p.peakPssKb().median()), Fmt.mb(p.peakRssKb().median()), Fmt.size(extraPerWorker)), RULE_6);
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
     * Claim 7 is judged on two prices, each measured apart from any crawl. Memory: a parked
     * thread's PSS against a JVM's own (the parked-threads child at rest, else a worker JVM's extra
     * PSS in the crawls). Switching: a token handed between two threads against two processes over a
     * pipe. Start-up is reported, not judged: it is not what the claim says.
     */
    private static Verdict claim7(BenchResult r) {
        String text = "threads use less memory and switch context faster";
        List<String> parts = new ArrayList<>();
        Boolean memory = null;
        Optional<Double> jvmKb = r.parkedUnits().stream().filter(p -> p.baselinePssKb() > 0).map(p -> (double) p.baselinePssKb())
                .findFirst().or(() -> workerJvmKb(r));
        List<ParkedUnits> parked = r.parkedUnits().stream().filter(p -> p.pssDeltaKb() >= 0).toList();
        if (!parked.isEmpty()) {
            parts.add("parked alone: " + String.join(", ", parked.stream().map(p -> p.kind() + " " + Fmt.size(p.pssPerUnitKb())).toList())
                    + " PSS each");
        }
        if (jvmKb.isPresent()) {
            parts.add("a JVM " + Fmt.size(jvmKb.get()));
        }
        if (jvmKb.isPresent() && !parked.isEmpty()) {
            memory = jvmKb.get() > parked.stream().mapToDouble(ParkedUnits::pssPerUnitKb).max().orElseThrow();
        }
        Integer switching = null;
        Optional<HandOff> proc = r.probes().handOff("process");
        List<HandOff> threads = r.probes().handOffs().stream().filter(h -> !h.kind().equals("process")).toList();
        if (proc.isPresent() && !threads.isEmpty()) {
            parts.add("one hand-off: " + String.join(", ", r.probes().handOffs().stream().map(HandOff::describe).toList()));
            // Faster: every thread kind's spread lies below the processes'; slower: every one above.
            List<Integer> cmps = threads.stream().map(h -> compare(proc.get().perHandOffMicros(), h.perHandOffMicros())).toList();
            switching = cmps.stream().allMatch(c -> c > 0) ? 1 : cmps.stream().allMatch(c -> c < 0) ? -1 : 0;
        }
        UnitStartup u = r.unitStartup();
        if (!Double.isNaN(u.virtualMicros())) {
            parts.add(String.format(Locale.ROOT, "start (not judged): virtual thread %.1f us, platform thread %.1f us%s",
                    u.virtualMicros(), u.platformMicros(), Analysis.workerHelloMillis(r) == null ? ""
                            : ", worker JVM " + Fmt.integer(Math.round(Analysis.workerHelloMillis(r).median())) + " ms to hello"));
        }
        if (memory == null || switching == null) {
            return new Verdict(7, text, Outcome.NOT_MEASURED, "needs both halves, memory and switching: " + String.join("; ", parts), RULE_7);
        }
        int favour = (memory ? 1 : 0) + (switching > 0 ? 1 : 0);
        // A tie in switching favours neither side: with cheaper threads the claim is half borne out.
        Outcome o = favour == 2 ? Outcome.SUPPORTED : favour == 0 ? Outcome.NOT_SUPPORTED : Outcome.MIXED;
        return new Verdict(7, text, o, String.join("; ", parts) + switchesPerPage(r), RULE_7);
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
        return "; context switches per page at c=" + c + " (a count, not judged): " + String.join(", ", cells.stream()
                .map(x -> x.cell().substrate().label() + " " + Fmt.ratio(x.contextSwitches().median() / x.pages())).toList());
    }

    /**
     * Claim 8 has two halves. Processes are isolated: the chaos crawl kills worker JVMs mid-crawl
     * and must still fetch exactly the ground-truth URL set, with every killed worker's URLs handed
     * out again. One thread's failure can take down the process: a thread-mode crawl in which one
     * task exhausts the shared heap ({@link IsolationScenario}, the short form of {@code isolate}).
     */
    private static Verdict claim8(BenchResult r) {
        String text = "one thread's failure can take down the process; processes are isolated";
        Boolean processes = null;
        String processPart;
        List<CellResult> chaos = r.cells(Workload.CHAOS).stream().filter(c -> !c.skipped()).toList();
        if (chaos.isEmpty()) {
            processPart = "no chaos crawl in this run (workload chaos, process mode)";
        } else if (!chaos.get(0).ok()) {
            CellResult c = chaos.get(0);
            processes = false;
            processPart = String.format(Locale.ROOT, "process %s with a worker SIGKILLed every %d results did not survive intact: %s",
                    c.cell().shape(), c.cell().killWorkerEvery(), c.failure());
        } else if (chaos.get(0).workerDeaths() == 0) {
            CellResult c = chaos.get(0);
            processPart = String.format(Locale.ROOT, "the chaos crawl ended before any worker was killed (%d pages, kill every %d results)",
                    c.pages(), c.cell().killWorkerEvery());
        } else {
            CellResult c = chaos.get(0);
            processes = true;
            processPart = String.format(Locale.ROOT,
                    "process %s: %d worker JVM%s SIGKILLed mid-crawl, %d URLs handed out again, the crawl still fetched"
                            + " exactly the site's %d ground-truth URLs (%d errors)",
                    c.cell().shape(), c.workerDeaths(), c.workerDeaths() == 1 ? "" : "s", c.requeued(), c.pages(), c.errors());
        }
        Boolean threads = null;
        String threadPart;
        IsolationScenario.Row t = r.probes().threadFault();
        if (t == null) {
            threadPart = "the thread-mode half (one task exhausting the shared heap) was not run here; ./crawler isolate runs it";
        } else {
            threads = !t.coordinatorSurvived() || t.lost() > 0;
            threadPart = String.format(Locale.ROOT, "%s threads, one task exhausting the shared heap (%s): %s, %d of %d pages lost%s",
                    t.mode(), t.fault(), t.coordinatorSurvived() ? "the JVM survived" : "the JVM died (exit " + t.exitCode() + ")",
                    t.lost(), t.expected(), t.note().isBlank() ? "" : " (" + t.note() + ")");
        }
        String evidence = processPart + "; " + threadPart;
        if (processes == null || threads == null) {
            return new Verdict(8, text, Outcome.NOT_MEASURED, "needs both halves: " + evidence, RULE_8);
        }
        Outcome o = processes && threads ? Outcome.SUPPORTED : processes || threads ? Outcome.MIXED : Outcome.NOT_SUPPORTED;
        return new Verdict(8, text, o, evidence, RULE_8);
    }
}
