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

    public BenchResult run() throws IOException, InterruptedException {
        List<BenchPlan.Planned> plan = BenchPlan.of(config, target.fixtureSite());
        long start = System.nanoTime();
        double loadStart = loadAverage();
        Map<Long, FixtureServer> sites = new TreeMap<>();
        try {
            Map<Long, Integer> pagesByLatency = new TreeMap<>();
            if (target.fixtureSite()) {
                for (BenchPlan.Planned p : plan) {
                    if (p.skipReason() == null) {
                        pagesByLatency.merge(p.cell().latencyMillis(), p.cell().pages(), Math::max);
                    }
                }
                for (Map.Entry<Long, Integer> e : pagesByLatency.entrySet()) {
                    Latency latency = e.getKey() == 0 ? new Latency.None() : new Latency.Fixed(Duration.ofMillis(e.getKey()));
                    sites.put(e.getKey(), FixtureServer.start(SiteSpec.wide(Math.max(2, e.getValue()), latency)));
                }
            }
            UnitStartup unitStartup = UnitStartup.measure(1000);
            List<BenchPlan.Planned> runnable = plan.stream().filter(p -> p.skipReason() == null).toList();
            warmUp(sites, runnable);
            Map<Cell, List<RunResult>> runs = new LinkedHashMap<>();
            int total = runnable.size() * config.repeats();
            int done = 0;
            long t0 = System.nanoTime();
            for (int r = 1; r <= config.repeats(); r++) {
                for (BenchPlan.Planned p : runnable) {
                    Cell cell = p.cell();
                    RunResult result = runOne(sites, cell, r);
                    runs.computeIfAbsent(cell, k -> new ArrayList<>()).add(result);
                    done++;
                    say(String.format(Locale.ROOT, "[%d/%d %4.0fs] %-7s %-10s c=%-6d %s: %s", done, total,
                            (System.nanoTime() - t0) / 1e9, cell.workload().label(), cell.substrate().label(),
                            cell.concurrency(), detail(cell), result.failed() ? "FAILED " + result.failure()
                                    : String.format(Locale.ROOT, "%d pages in %.2f s", result.pages(), result.wallMillis() / 1000.0)));
                }
            }
            List<BenchResult.Pinning> pinning = new ArrayList<>();
            if (config.pinning() && target.fixtureSite()) {
                for (BenchPlan.Planned p : runnable) {
                    Cell cell = p.cell();
                    if (cell.workload() == Workload.IO && cell.substrate() == Substrate.VIRTUAL) {
                        FixtureServer site = sites.get(cell.latencyMillis());
                        List<String> seeds = site.manifest().sitemapUrls().subList(0, cell.pages());
                        long n = child.pinningEvents(cell, seeds, new HashSet<>(seeds));
                        pinning.add(new BenchResult.Pinning(cell, n));
                        say("pinning check, virtual c=" + cell.concurrency() + ": " + (n < 0 ? "crawl failed" : n + " jdk.VirtualThreadPinned events"));
                    }
                }
            }
            List<CellResult> cells = new ArrayList<>();
            for (BenchPlan.Planned p : plan) {
                cells.add(p.skipReason() != null ? CellResult.skipped(p.cell(), p.skipReason())
                        : new CellResult(p.cell(), null, runs.get(p.cell())));
            }
            String where = target.fixtureSite() ? "embedded fixture site" : target.url();
            return new BenchResult(Machine.current(), where, config.repeats(), unitStartup, cells, loadStart, loadAverage(),
                    (System.nanoTime() - start) / 1_000_000, pinning);
        } finally {
            sites.values().forEach(FixtureServer::close);
        }
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
        };
    }

    private void warmUp(Map<Long, FixtureServer> sites, List<BenchPlan.Planned> runnable) throws IOException, InterruptedException {
        if (runnable.isEmpty()) {
            return;
        }
        Cell first = runnable.get(0).cell();
        Cell warm = new Cell(first.workload(), Substrate.VIRTUAL, 10, config.batchSize(), first.latencyMillis(), 0,
                Math.min(first.pages(), 50));
        RunResult r = runOne(sites, warm, 0);
        say("warm-up crawl: " + (r.failed() ? "FAILED " + r.failure() : r.pages() + " pages in " + r.wallMillis() + " ms")
                + " (not counted)");
    }

    private RunResult runOne(Map<Long, FixtureServer> sites, Cell cell, int repeat) throws IOException, InterruptedException {
        if (!target.fixtureSite()) {
            return child.run(cell, repeat, List.of(target.url()), cell.workload() == Workload.STARTUP ? 0 : target.depth(), null);
        }
        FixtureServer site = sites.get(cell.latencyMillis());
        List<String> seeds = site.manifest().sitemapUrls().subList(0, cell.pages());
        Set<String> expected = new HashSet<>(seeds);
        return child.run(cell, repeat, seeds, 0, expected);
    }

    private void say(String line) {
        if (progress != null) {
            progress.println("bench: " + line);
        }
    }
}
