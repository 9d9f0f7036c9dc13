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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
    private final SideProbes probes;
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
        this.probes = new SideProbes(config, child, this::say);
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
        List<BenchPlan.Planned> runnable = plan.stream().filter(p -> p.skipReason() == null).toList();
        try (BenchSites sites = BenchSites.start(target, runnable.stream().map(BenchPlan.Planned::cell).toList())) {
            say(String.format(Locale.ROOT, "%d fixture site(s) up in %.1f s", sites.size(), (System.nanoTime() - start) / 1e9));
            UnitStartup unitStartup = UnitStartup.measure(500);
            if (seed != 0) {
                say("cell order shuffled with --seed " + seed);
            }
            // Claims 2 and 7 read the parked threads (OS thread ids, memory) and the hand-offs (switch price).
            List<ParkedUnits> parked = probes.parkedUnits();
            List<HandOff> handOffs = probes.handOffs();
            CpuScaling cpuScaling = probes.cpuScaling();
            // Claim 8's thread half checks what a fault does, not how fast: it runs beside the fixture
            // sites' warm-up, which is not measured either, rather than after it.
            java.util.concurrent.FutureTask<IsolationScenario.Row> fault = new java.util.concurrent.FutureTask<>(
                    runnable.stream().anyMatch(p -> p.cell().workload() == Workload.CHAOS) && target.fixtureSite()
                            ? probes::threadFault : () -> null);
            Thread.ofPlatform().name("bench-thread-fault").daemon().start(fault);
            // Every cell meets a warm server: the first one measured must not pay for the server's JIT.
            sites.warmUp(this::say);
            IsolationScenario.Row threadFault;
            try {
                threadFault = fault.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the thread-mode fault scenario failed", e.getCause());
            }
            Map<Cell, List<RunResult>> runs = new LinkedHashMap<>();
            Map<Cell, String> budgetSkips = new LinkedHashMap<>();
            RunProgress progress = new RunProgress(runnable.stream().mapToInt(p -> plannedRuns(p.cell(), config.repeats())).sum(),
                    start, this::say);
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
                    Provenance.current(probes.childJvmOptions()));
        }
    }

    /**
     * Runs of one mode's warm cells: one child JVM, each cell a leg with its own substrate and
     * warm-up crawl, then up to {@code repeats} measured runs each.
     */
    private Map<Cell, List<RunResult>> runWarm(BenchSites sites, List<Cell> cells, Budget budget,
                                               RunProgress progress) throws IOException, InterruptedException {
        Duration limit = crawlLimit(budget);
        List<WarmSession.Leg> legs = new ArrayList<>();
        for (Cell cell : cells) {
            BenchSites.Crawl crawl = sites.crawlOf(cell);
            legs.add(new WarmSession.Leg(cell, crawl.seeds(), crawl.depth(), crawl.expected(), sites.gauge(cell),
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
    private List<RunResult> runCold(BenchSites sites, Cell cell, int planned, long reserve, Budget budget,
                                    RunProgress progress) throws IOException, InterruptedException {
        List<RunResult> measured = new ArrayList<>();
        BenchSites.Crawl crawl = sites.crawlOf(cell);
        for (int r = 1; r <= planned && budget.admits(budget.estimateMillis(cell), r == 1 ? referenceReserve : reserve); r++) {
            Duration limit = crawlLimit(budget);
            RunResult result = cutShort(child.run(cell, r, crawl.seeds(), crawl.depth(), crawl.expected(), limit,
                    config.pinning(), sites.gauge(cell)), limit);
            budget.record(result);
            progress.ran(result);
            measured.add(result);
        }
        return measured;
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

    private void say(String line) {
        if (progress != null) {
            progress.println("bench: " + line);
        }
    }
}
