package crawler.bench;

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
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a {@link BenchPlan}: starts the fixture sites it needs (one per latency, in this JVM, so
 * their CPU and memory are outside the measured process tree), makes one warm-up crawl, then
 * every runnable cell {@code repeats} times as child crawls. Repetitions are interleaved (all
 * cells once, then all again) so a slow spell on a shared machine spreads over the cells
 * instead of sinking one.
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

    /**
     * @param progress where progress lines go, or null for none
     */
    public BenchRunner(BenchConfig config, Target target, Path workDir, PrintStream progress) {
        this.config = config;
        this.target = target;
        this.child = ChildCrawl.ofThisJvm(workDir, config.maxTime());
        this.progress = progress;
    }

    /** Time kept back from the budget for rendering and writing the report and leaving the JVM. */
    static final long REPORT_RESERVE_MILLIS = 1_500;

    /**
     * The order of a pass: workloads take turns, each offering its cheapest cell not run yet, so
     * a budget too short for the grid still measures every workload, and the cheap cells first.
     */
    static List<BenchPlan.Planned> runOrder(List<BenchPlan.Planned> runnable, Budget budget) {
        Map<Workload, java.util.Deque<BenchPlan.Planned>> byWorkload = new java.util.EnumMap<>(Workload.class);
        runnable.stream().sorted(java.util.Comparator.comparingLong(p -> budget.estimateMillis(p.cell())))
                .forEach(p -> byWorkload.computeIfAbsent(p.cell().workload(), w -> new java.util.ArrayDeque<>()).add(p));
        List<BenchPlan.Planned> order = new ArrayList<>();
        while (order.size() < runnable.size()) {
            for (java.util.Deque<BenchPlan.Planned> q : byWorkload.values()) {
                if (!q.isEmpty()) {
                    order.add(q.poll());
                }
            }
        }
        return order;
    }

    /** Measured crawls a cell gets when the budget allows: a chaos cell checks correctness, once. */
    static int plannedRuns(Cell cell, int repeats) {
        return cell.workload() == Workload.CHAOS ? 1 : repeats;
    }

    public BenchResult run() throws IOException, InterruptedException {
        List<BenchPlan.Planned> plan = BenchPlan.of(config, target.fixtureSite());
        long start = System.nanoTime();
        // The budget counts from this JVM's own start, less a reserve for writing the report and
        // exiting, so `time crawler bench` stays within it, not just the crawls.
        long sinceJvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        Duration left = config.budget().minusMillis(sinceJvmStart + REPORT_RESERVE_MILLIS);
        Budget budget = new Budget(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left, System::nanoTime);
        double loadStart = loadAverage();
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
            warmUp(sites);
            Map<Cell, List<RunResult>> runs = new LinkedHashMap<>();
            Map<Cell, String> budgetSkips = new LinkedHashMap<>();
            int total = runnable.stream().mapToInt(p -> plannedRuns(p.cell(), config.repeats())).sum();
            int done = 0;
            // Repetitions interleave (every cell once, then again) so a slow spell on a shared
            // machine spreads over the cells. The tables keep their own order.
            List<BenchPlan.Planned> order = runOrder(runnable, budget);
            for (int r = 1; r <= config.repeats(); r++) {
                for (BenchPlan.Planned p : order) {
                    Cell cell = p.cell();
                    if (r > plannedRuns(cell, config.repeats())) {
                        continue;
                    }
                    done++;
                    if (!budget.admits(cell)) {
                        budgetSkips.putIfAbsent(cell, String.format(Locale.ROOT,
                                "budget: run %d would take about %.0f s, %.0f s of --budget %s left", r,
                                budget.estimateMillis(cell) / 1000.0, budget.remainingMillis() / 1000.0, Fmt.duration(config.budget())));
                        say(progressLine(done, total, start, cell, "skipped: budget"));
                        continue;
                    }
                    RunResult result = runOne(sites, cell, r, budget);
                    budget.record(result);
                    runs.computeIfAbsent(cell, k -> new ArrayList<>()).add(result);
                    say(progressLine(done, total, start, cell, result.failed() ? "FAILED " + result.failure()
                            : String.format(Locale.ROOT, "%d pages in %.2f s", result.pages(), result.wallMillis() / 1000.0)));
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
            String where = target.fixtureSite() ? BenchResult.FIXTURE_SITE : target.url();
            return new BenchResult(Machine.current(), where, config.repeats(), unitStartup, cells, loadStart, loadAverage(),
                    (System.nanoTime() - start) / 1_000_000, config.budget());
        } finally {
            sites.values().forEach(FixtureServer::close);
        }
    }

    private static String progressLine(int done, int total, long start, Cell cell, String what) {
        return String.format(Locale.ROOT, "[%d/%d %4.0fs] %-7s %-10s c=%-6d %s: %s", done, total,
                (System.nanoTime() - start) / 1e9, cell.workload().label(), cell.substrate().label(),
                cell.concurrency(), detail(cell), what);
    }

    /** The 1-minute load average, or -1 where the OS does not tell. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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

    private RunResult runOne(Map<Long, FixtureServer> sites, Cell cell, int repeat, Budget budget)
            throws IOException, InterruptedException {
        // The crawl may use what is left of the budget, less the child JVM's own start and stop.
        Duration limit = Duration.ofMillis(Math.max(1_000, budget.remainingMillis() - Budget.FIRST_OVERHEAD_MILLIS));
        boolean pinning = config.pinning();
        RunResult r;
        if (!target.fixtureSite()) {
            r = child.run(cell, repeat, List.of(target.url()), cell.workload() == Workload.STARTUP ? 0 : target.depth(), null,
                    limit, pinning);
        } else {
            FixtureServer site = sites.get(cell.latencyMillis());
            List<String> seeds = site.manifest().sitemapUrls().subList(0, cell.pages());
            r = child.run(cell, repeat, seeds, 0, new HashSet<>(seeds), limit, pinning);
        }
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
