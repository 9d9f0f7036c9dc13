package crawler.bench.run;

import crawler.bench.plan.BenchConfig;
import crawler.bench.plan.BenchPlan;
import crawler.bench.plan.Budget;
import crawler.bench.plan.Cell;
import crawler.bench.plan.Schedule;
import crawler.bench.plan.Workload;
import crawler.bench.probe.CpuScaling;
import crawler.bench.probe.HandOff;
import crawler.bench.probe.IsolationScenario;
import crawler.bench.probe.Machine;
import crawler.bench.probe.OtherWork;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.probe.Probes;
import crawler.bench.probe.ProcFs;
import crawler.bench.probe.Provenance;
import crawler.bench.probe.UnitStartup;
import crawler.bench.judge.Verdicts;
import crawler.bench.render.Fmt;

import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a {@link BenchPlan}: starts the fixture sites it needs (one per latency, in this JVM, so
 * their CPU and memory are outside the measured process tree), warms them up when a cold
 * start-up cell will fetch from them, then runs every runnable cell up to {@code repeats} times
 * as child crawls. Throughput, memory and CPU cells run as one session each ({@link WarmSession}:
 * one child JVM, {@code --warmups} unmeasured crawls, then the measured runs on the same
 * substrate); start-up and chaos cells run cold, one child JVM per run.
 * Workloads take turns (cheapest cell first, or shuffled by a seed). A cold cell's second and third
 * runs only happen if every later cell's first run still fits the budget; a warm cell, once its
 * child JVM is up, completes its runs when the budget allows them at all, since each costs a
 * fraction of its JVM's start and a verdict needs {@link Verdicts#MIN_RUNS} of them.
 *
 * <p><b>Thread-safety:</b> one run at a time per instance.
 */
public final class BenchRunner {

    /**
     * Where to crawl. A user's site is crawled from its URL to {@code depth}, with no ground truth.
     *
     * @param url   null for the embedded fixture site
     * @param depth link depth for a user's site
     */
    public record Target(String url, int depth) {
        public static final Target FIXTURE_SITE = new Target(null, 0);

        public boolean fixtureSite() {
            return url == null;
        }
    }

    private final BenchConfig config;
    private final Target target;
    private final ChildCrawl child;
    private final PrintStream progress;
    private final ReferenceRuns references;
    /** Shuffles the cells of each workload; 0 keeps them cheapest first. */
    private final long seed;
    /** Time kept back for the reference rows while the cells run; set by {@link #run}. */
    private long referenceReserve;

    /** A bench without reference rows. */
    public BenchRunner(BenchConfig config, Target target, Path workDir, PrintStream progress) {
        this(config, target, workDir, progress, null);
    }

    /**
     * @param progress where progress lines go, or null for none
     * @param wget2    null for no reference rows; else the wget2 program, or empty when it is not
     *                 installed (a row then says how to get it)
     */
    public BenchRunner(BenchConfig config, Target target, Path workDir, PrintStream progress, Optional<Path> wget2) {
        this(config, target, workDir, progress, wget2, 0);
    }

    /** @param seed shuffles the order of each workload's cells (printed, so a run can be repeated); 0: cheapest first */
    public BenchRunner(BenchConfig config, Target target, Path workDir, PrintStream progress, Optional<Path> wget2, long seed) {
        this.seed = seed;
        this.config = config;
        this.target = target;
        this.child = ChildCrawl.ofThisJvm(workDir, config.maxTime());
        this.progress = progress;
        this.references = wget2 == null ? null : new ReferenceRuns(wget2, workDir, WholeProcessRun.ofThisJvm(), this::say);
    }

    /** Time kept back from the budget for rendering and writing the report and leaving the JVM. */
    public static final long REPORT_RESERVE_MILLIS = 1_500;

    /** Measured crawls a cell gets when the budget allows: a chaos cell checks correctness, once. */
    public static int plannedRuns(Cell cell, int repeats) {
        return cell.workload() == Workload.CHAOS ? 1 : repeats;
    }

    public BenchResult run() throws IOException, InterruptedException {
        List<BenchPlan.Planned> plan = BenchPlan.of(config, target.fixtureSite());
        long start = System.nanoTime();
        // The budget counts from this JVM's own start, less a reserve for writing the report and
        // exiting, so `time crawler bench` stays within it, not just the crawls.
        long sinceJvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        Duration left = config.budget().minusMillis(sinceJvmStart + REPORT_RESERVE_MILLIS);
        Budget budget = new Budget(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left, config.warmups(),
                System::nanoTime);
        OtherWork others = OtherWork.start(ProcFs.system());
        Map<Long, FixtureServer> sites = new TreeMap<>();
        try {
            List<BenchPlan.Planned> runnable = plan.stream().filter(p -> p.skipReason() == null).toList();
            if (target.fixtureSite()) {
                Map<Long, Integer> pagesByLatency = new TreeMap<>();
                for (BenchPlan.Planned p : runnable) {
                    pagesByLatency.merge(p.cell().latencyMillis(), p.cell().pages(), Math::max);
                }
                // One site per latency for the whole bench, shared by every cell that needs it.
                for (Map.Entry<Long, Integer> e : pagesByLatency.entrySet()) {
                    Latency latency = e.getKey() == 0 ? new Latency.None() : new Latency.Fixed(Duration.ofMillis(e.getKey()));
                    sites.put(e.getKey(), FixtureServer.start(SiteSpec.wide(Math.max(2, e.getValue()), latency)));
                }
            }
            say(String.format(Locale.ROOT, "%d fixture site(s) up in %.1f s", sites.size(), (System.nanoTime() - start) / 1e9));
            UnitStartup unitStartup = UnitStartup.measure(500);
            if (seed != 0) {
                say("cell order shuffled with --seed " + seed);
            }
            // Claims 2 and 7 read the parked threads (OS thread ids, memory) and the hand-offs (switch price).
            List<ParkedUnits> parked = parkedUnits();
            List<HandOff> handOffs = handOffs();
            CpuScaling cpuScaling = cpuScaling();
            // Claim 8's thread half checks what a fault does, not how fast: it runs beside the fixture
            // sites' warm-up, which is not measured either, rather than after it.
            java.util.concurrent.FutureTask<IsolationScenario.Row> fault = new java.util.concurrent.FutureTask<>(
                    runnable.stream().anyMatch(p -> p.cell().workload() == Workload.CHAOS) && target.fixtureSite()
                            ? this::threadFault : () -> null);
            Thread.ofPlatform().name("bench-thread-fault").daemon().start(fault);
            // Every cell meets a warm server: the first one measured must not pay for the server's JIT.
            warmUp(sites);
            IsolationScenario.Row threadFault;
            try {
                threadFault = fault.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the thread-mode fault scenario failed", e.getCause());
            }
            Map<Cell, List<RunResult>> runs = new LinkedHashMap<>();
            Map<Cell, String> budgetSkips = new LinkedHashMap<>();
            Progress progress = new Progress(runnable.stream().mapToInt(p -> plannedRuns(p.cell(), config.repeats())).sum(), start);
            List<Schedule.Step> order = Schedule.of(runnable.stream().map(BenchPlan.Planned::cell).toList(),
                    budget::firstRunMillis, seed);
            // The reference rows run last, on a fixture server the cells have warmed up; their few
            // seconds are kept back from the start, so a short budget still shows them.
            referenceReserve = references == null || !target.fixtureSite() ? 0
                    : references.reserveMillis(ReferenceRuns.levels(runnable.stream().map(BenchPlan.Planned::cell).toList()));
            for (int i = 0; i < order.size(); i++) {
                Schedule.Step step = order.get(i);
                // A cold cell's further runs must leave time for every later step's first run, so a
                // short budget measures each cell once before it measures any cell three times.
                long reserve = referenceReserve + order.subList(i + 1, order.size()).stream()
                        .mapToLong(st -> budget.stepMillis(st.cells(), st.warm())).sum();
                if (!budget.admits(budget.stepMillis(step.cells().subList(0, 1), step.warm()), referenceReserve)) {
                    for (Cell cell : step.cells()) {
                        budgetSkips.put(cell, String.format(Locale.ROOT, "budget: about %.0f s needed, %.0f s of --budget %s left",
                                budget.firstRunMillis(cell) / 1000.0, budget.remainingMillis() / 1000.0, Fmt.duration(config.budget())));
                        progress.skip(cell, plannedRuns(cell, config.repeats()), "skipped: budget");
                    }
                    continue;
                }
                Map<Cell, List<RunResult>> measured = step.warm()
                        ? runWarm(sites, step.cells(), budget, progress)
                        : Map.of(step.cells().getFirst(), runCold(sites, step.cells().getFirst(),
                                plannedRuns(step.cells().getFirst(), config.repeats()), reserve, budget, progress));
                for (Cell cell : step.cells()) {
                    List<RunResult> m = measured.getOrDefault(cell, List.of());
                    if (m.isEmpty()) {
                        budgetSkips.put(cell, String.format(Locale.ROOT, "budget: after the warm-up crawl, a run of about %.0f s"
                                + " no longer fitted", budget.estimateMillis(cell) / 1000.0));
                    } else {
                        runs.put(cell, m);
                    }
                    progress.skip(cell, plannedRuns(cell, config.repeats()) - m.size(), "not run: budget");
                }
            }
            List<CellResult> cells = new ArrayList<>();
            for (BenchPlan.Planned p : plan) {
                List<RunResult> measured = runs.get(p.cell());
                if (p.skipReason() != null) {
                    cells.add(CellResult.skipped(p.cell(), p.skipReason()));
                } else if (measured == null) {
                    cells.add(CellResult.skipped(p.cell(), budgetSkips.get(p.cell())));
                } else {
                    cells.add(new CellResult(p.cell(), null, measured));
                }
            }
            // After every cell: a reference row is a yardstick, and the cells come first when time is short.
            List<Cell> ran = cells.stream().filter(c -> !c.skipped()).map(CellResult::cell).toList();
            List<Reference> refs = references == null || !target.fixtureSite() ? List.of()
                    : references.run(ReferenceRuns.levels(ran), millis -> budget.admits(millis, 0), () -> child.capped(crawlLimit(budget)));
            String where = target.fixtureSite() ? BenchResult.FIXTURE_SITE : target.url();
            return new BenchResult(Machine.current(), where, config.repeats(), config.warmups(), unitStartup, parked, cells, others.share(),
                    (System.nanoTime() - start) / 1_000_000, config.budget(), refs, new Probes(handOffs, threadFault, seed, cpuScaling),
                    Provenance.current(childJvmOptions()));
        } finally {
            sites.values().forEach(FixtureServer::close);
        }
    }

    private static String progressLine(int done, int total, long start, Cell cell, String what) {
        return String.format(Locale.ROOT, "[%d/%d %4.0fs] %-7s %-10s c=%-6d %s: %s", done, total,
                (System.nanoTime() - start) / 1e9, cell.workload().label(), cell.substrate().label(),
                cell.concurrency(), detail(cell), what);
    }

    /**
     * Parked virtual threads as many as the I/O grid's top level, platform threads as many as
     * that or their limit; skipped with a line when it cannot run (the bench goes on without it).
     */
    private List<ParkedUnits> parkedUnits() throws InterruptedException {
        int top = config.ioLevels().stream().mapToInt(Integer::intValue).max().orElse(1000);
        List<ParkedUnits> out = new ArrayList<>();
        try {
            for (boolean virtual : new boolean[] {true, false}) {
                int n = virtual ? top : Math.min(top, config.maxPlatformThreads());
                ParkedUnits p = ParkedUnits.measure(child.java(), ProcFs.system(), virtual, n);
                say(p.describe());
                out.add(p);
            }
        } catch (IOException e) {
            say("parked threads not measured: " + e.getMessage());
        }
        return out;
    }

    /** The options every measured child JVM gets besides its class path, as the raw rows record them. */
    private List<String> childJvmOptions() {
        List<String> java = child.java();
        List<String> opts = new ArrayList<>();
        for (int i = 1; i < java.size(); i++) {
            if (java.get(i).equals("-cp")) {
                i++;
            } else {
                opts.add(java.get(i));
            }
        }
        if (config.pinning()) {
            opts.add("(+ Flight Recorder on jdk.VirtualThreadPinned)");
        }
        return opts;
    }

    /**
     * Hand-offs per run, and each run's time limit: thousands of hand-offs even for a pipe, and
     * bounded, so the 3 kinds' warm-up and {@link HandOff#ROUNDS} runs each cost at most 2.4 s.
     */
    public static final int HAND_OFFS = 100_000;
    public static final long HAND_OFF_ROUND_MILLIS = 150;

    /** The price of one switch between two units of each kind; empty (with a line) when it cannot run. */
    private List<HandOff> handOffs() throws InterruptedException {
        try {
            List<HandOff> h = HandOff.measure(child.java(), HAND_OFFS, HAND_OFF_ROUND_MILLIS);
            say("one hand-off: " + String.join(", ", h.stream().map(HandOff::describe).toList()));
            return h;
        } catch (IOException e) {
            say("hand-offs not measured: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * CPU-bound work on the CPU workload's most units, as threads and as processes (claim 5);
     * null (with a line) when the workload is not asked for or it cannot run.
     */
    private CpuScaling cpuScaling() throws InterruptedException {
        int units = config.cpuUnits().stream().mapToInt(Integer::intValue).max().orElse(1);
        if (!config.workloads().contains(Workload.CPU) || units < 2) {
            return null;
        }
        try {
            CpuScaling s = CpuScaling.measure(child.java(), units, CpuScaling.Plan.forBudget(config.budget()));
            say(s.describe());
            return s;
        } catch (IOException e) {
            say("CPU scaling not measured: " + e.getMessage());
            return null;
        }
    }

    /**
     * The thread-mode half of claim 8, short: one virtual-thread crawl of 40 pages in which the
     * fifth task exhausts the 64 MiB heap it shares with every other task; null when it cannot run.
     */
    private IsolationScenario.Row threadFault() throws InterruptedException {
        try {
            IsolationScenario.Config c = new IsolationScenario.Config(40, 3, 5, 64, Duration.ofSeconds(30),
                    child.workDir().resolve("thread-fault"));
            IsolationScenario.Row row = new IsolationScenario(c, new PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run(List.of(crawler.exec.Mode.VIRTUAL), List.of(IsolationScenario.Fault.OOM)).getFirst();
            say("thread-mode fault: " + row.mode() + " " + row.fault() + ": " + (row.coordinatorSurvived() ? "survived" : "died")
                    + ", " + row.lost() + " of " + row.expected() + " pages lost");
            return row;
        } catch (IOException e) {
            say("thread-mode fault not run: " + e.getMessage());
            return null;
        }
    }

    private static String detail(Cell cell) {
        return switch (cell.workload()) {
            case IO, LATENCY -> "latency " + cell.latencyMillis() + " ms, " + cell.pages() + " pages";
            case CPU -> "cpu-work " + cell.cpuWork() + ", " + cell.pages() + " pages";
            case BATCH -> "batch " + cell.batchSize() + ", " + cell.pages() + " pages";
            case STARTUP -> "one page";
            case CHAOS -> "kill a worker every " + cell.killWorkerEvery() + " results, " + cell.pages() + " pages";
        };
    }

    /** Warms each fixture site up in this JVM, where it runs; not counted. */
    private void warmUp(Map<Long, FixtureServer> sites) throws InterruptedException {
        for (Map.Entry<Long, FixtureServer> e : sites.entrySet()) {
            List<String> urls = e.getValue().manifest().sitemapUrls();
            // Enough requests for the server's hot paths to be compiled, few enough to cost about a second.
            int n = (int) Math.min(urls.size(), e.getKey() == 0 ? 400 : Math.max(Warmup.CONCURRENCY, 4 * Warmup.CONCURRENCY));
            long t0 = System.nanoTime();
            int ok = Warmup.run(urls.subList(0, n), Duration.ofSeconds(2));
            say(String.format(Locale.ROOT, "warm-up of the fixture site (latency %d ms): %d of %d requests in %.1f s (not counted)",
                    e.getKey(), ok, n, (System.nanoTime() - t0) / 1e9));
        }
    }

    /**
     * Runs of one mode's warm cells: one child JVM, each cell a leg with its own substrate and
     * warm-up crawl, then up to {@code repeats} measured runs each.
     */
    private Map<Cell, List<RunResult>> runWarm(Map<Long, FixtureServer> sites, List<Cell> cells, Budget budget,
                                               Progress progress) throws IOException, InterruptedException {
        Duration limit = crawlLimit(budget);
        List<WarmSession.Leg> legs = new ArrayList<>();
        for (Cell cell : cells) {
            Crawl crawl = crawlOf(sites, cell);
            legs.add(new WarmSession.Leg(cell, crawl.seeds(), crawl.depth(), crawl.expected(), gauge(sites, cell),
                    plannedRuns(cell, config.repeats())));
        }
        if (cells.size() > 1) {
            say(cells.getFirst().substrate().label() + " session, one child JVM for " + cells.size() + " cells: "
                    + String.join(", ", cells.stream().map(c -> c.workload().label() + " c=" + c.concurrency()
                    + (c.workload() == Workload.CPU ? "" : " " + c.latencyMillis() + " ms")).toList()));
        }
        WarmSession.Outcome outcome = new WarmSession(child, config.warmups()).run(legs, limit, config.pinning(),
                (cell, r) -> budget.admits(budget.estimateMillis(cell), referenceReserve) ? WarmSession.Word.GO : WarmSession.Word.STOP,
                r -> {
                    budget.recordWarmRun(r);
                    progress.ran(r);
                });
        budget.recordSession(outcome);
        if (outcome.setupMillis() >= 0) {
            say(String.format(Locale.ROOT, "         (that child JVM: %.1f s to start and build its first substrate%s; %.1f s to exit)",
                    outcome.setupMillis() / 1000.0, config.warmups() == 0 ? "" : ", then the unmeasured warm-up",
                    outcome.exitMillis() / 1000.0));
        }
        Map<Cell, List<RunResult>> out = new LinkedHashMap<>();
        for (Cell cell : cells) {
            out.put(cell, outcome.of(cell).stream().map(r -> cutShort(r, limit)).toList());
        }
        return out;
    }

    /** Runs of a cold cell: each its own child JVM. */
    private List<RunResult> runCold(Map<Long, FixtureServer> sites, Cell cell, int planned, long reserve, Budget budget,
                                    Progress progress) throws IOException, InterruptedException {
        List<RunResult> measured = new ArrayList<>();
        Crawl crawl = crawlOf(sites, cell);
        for (int r = 1; r <= planned && budget.admits(budget.estimateMillis(cell), r == 1 ? referenceReserve : reserve); r++) {
            Duration limit = crawlLimit(budget);
            RunResult result = cutShort(child.run(cell, r, crawl.seeds(), crawl.depth(), crawl.expected(), limit,
                    config.pinning(), gauge(sites, cell)), limit);
            budget.record(result);
            progress.ran(result);
            measured.add(result);
        }
        return measured;
    }

    /** The count of requests in flight of the site a cell crawls: the fixture site's own, none for a user's site. */
    private SiteGauge gauge(Map<Long, FixtureServer> sites, Cell cell) {
        FixtureServer site = target.fixtureSite() ? sites.get(cell.latencyMillis()) : null;
        return site == null ? SiteGauge.NOT_MEASURED : SiteGauge.of(site);
    }

    /** What a cell crawls: seeds, depth, and the URL set it must fetch (null: unknown). */
    private record Crawl(List<String> seeds, int depth, Set<String> expected) {
    }

    private Crawl crawlOf(Map<Long, FixtureServer> sites, Cell cell) {
        if (!target.fixtureSite()) {
            return new Crawl(List.of(target.url()), cell.workload() == Workload.STARTUP ? 0 : target.depth(), null);
        }
        List<String> seeds = sites.get(cell.latencyMillis()).manifest().sitemapUrls().subList(0, cell.pages());
        return new Crawl(seeds, 0, new HashSet<>(seeds));
    }

    /** A crawl may use what is left of the budget, less a child JVM's own start and stop. */
    private static Duration crawlLimit(Budget budget) {
        return Duration.ofMillis(Math.max(1_000, budget.remainingMillis() - Budget.FIRST_OVERHEAD_MILLIS));
    }

    private RunResult cutShort(RunResult r, Duration limit) {
        if (r.failed() && limit.compareTo(config.maxTime()) < 0 && r.failure().contains("MAX_TIME")) {
            return r.withFailure("cut short by --budget " + Fmt.duration(config.budget()) + " after " + limit.toSeconds() + " s");
        }
        return r;
    }

    /** Progress lines: one per run, counted against the runs planned. */
    private final class Progress {
        private final int total;
        private final long start;
        private int done;

        public Progress(int total, long start) {
            this.total = total;
            this.start = start;
        }

        public void ran(RunResult r) {
            done++;
            say(progressLine(done, total, start, r.cell(), r.failed() ? "FAILED " + r.failure()
                    : String.format(Locale.ROOT, "%d pages in %.2f s", r.pages(), r.wallMillis() / 1000.0)));
        }

        public void skip(Cell cell, int runs, String why) {
            if (runs > 0) {
                done += runs;
                say(progressLine(done, total, start, cell, why + (runs > 1 ? " (" + runs + " runs)" : "")));
            }
        }
    }

    private void say(String line) {
        if (progress != null) {
            progress.println("bench: " + line);
        }
    }
}
