package crawler.bench;

import crawler.bench.plan.BenchConfig;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.BenchRunner;
import crawler.bench.run.DirTree;
import crawler.bench.run.Wget2;
import crawler.bench.judge.JudgedBench;
import crawler.bench.render.BenchFiles;
import crawler.bench.render.Fmt;
import crawler.bench.render.JsonReport;
import crawler.bench.render.TextReport;

import crawler.app.Converters;
import crawler.fixtures.Latency;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crawler bench}: time virtual threads, platform threads and worker processes side by
 * side on the embedded fixture site (or a user's site), each crawl in a child JVM watched by
 * the same process-tree probe, and report tables, verdicts and files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time thread and process crawls side by side and judge the seed's eight claims.",
                "Each crawl runs as a child JVM against the embedded fixture site; the bench samples the child's"
                        + " process tree (peak PSS/RSS, threads, CPU, context switches) from /proc."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "a small grid, warm, three runs per cell, --budget 60s")
    boolean quick;

    @Option(names = "--full", description = "every workload (sweeps, c=10000 too), three runs per cell, --budget 10m")
    boolean full;

    @Option(names = "--budget", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "time limit of the whole bench, e.g. 90, 90s, 3m, 2m30s (default: 4m; --quick: 60s; --full: 10m); crawls that"
                    + " would end after it are not started and are reported as skipped: budget")
    Duration budget;

    @Option(names = "--repeat", paramLabel = "N", description = "measured crawls per cell (default: 3)")
    Integer repeat;

    @Option(names = "--warmups", paramLabel = "N",
            description = "unmeasured crawls before an I/O, CPU or sweep cell's first run, in the same child JVM"
                    + " (default: 1)")
    Integer warmups;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write results.csv, results.json, summary.md and report.html into DIR")
    Path out;

    @Option(names = "--json", description = "print the machine-readable result on stdout instead of the tables")
    boolean json;

    @Option(names = {"-q", "--quiet"},
            description = "no progress lines on stderr (they are off anyway when stderr is not a terminal or CI is set)")
    boolean quiet;

    @Option(names = "--target", paramLabel = "URL",
            description = "crawl this site (yours, running) instead of the fixture site; no ground truth, no sweeps")
    String target;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "1",
            description = "link depth when crawling --target (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--modes", paramLabel = "LIST", split = ",",
            description = "modes to run: virtual,platform,process,process-1t,cluster,cluster-2m (cluster-2m: two"
                    + " members, --members 2; default: all, cluster in the I/O workloads only, cluster-2m in the many-host one; --quick: virtual and"
                    + " process for I/O, no CPU-bound crawl cells (its CPU workload is the CPU probe alone), no cluster)")
    List<String> modes;

    @Option(names = "--workloads", paramLabel = "LIST", split = ",",
            description = "workloads to run: io,hosts,cpu,latency,batch,startup,chaos (default: io,hosts,cpu,latency (0 ms only),startup,chaos; --full: all;"
                    + " --quick: io,cpu,latency (0 ms only),chaos); cpu also runs the CPU probe that claim 5 is judged on: hash work"
                    + " with no network on threads and on one-thread JVMs")
    List<String> workloads;

    @Option(names = "--levels", paramLabel = "LIST", split = ",",
            description = "concurrency levels of the I/O-bound workload (default: 2,10,100; --full: 2,10,100,1000,10000;"
                    + " --quick: 5,25); the many-host workload takes those from 10 to 1000")
    List<Integer> levels;

    @Option(names = "--latency", paramLabel = "LATENCY", converter = FixedLatencyConverter.class,
            description = "latency of the I/O-bound site: a duration (100ms, 0.1s) or fixed:100ms, as demo and serve-fixtures"
                    + " take it; only a fixed latency has an ideal time (default: 100ms; --quick: 200ms)")
    Duration latency;

    @Option(names = "--rounds", paramLabel = "N",
            description = "I/O-bound pages per cell = concurrency x N, within --min-cell-pages and --max-cell-pages (default: 2)")
    Integer rounds;

    @Option(names = "--min-cell-pages", paramLabel = "N", description = "fewest pages of an I/O-bound cell (default: 20)")
    Integer minPages;

    // Not --max-pages: crawl's --max-pages caps one crawl, this sizes a cell's seed list.
    @Option(names = "--max-cell-pages", paramLabel = "N",
            description = "most pages of an I/O-bound cell (default: 10000; --quick: 1000)")
    Integer maxPages;

    @Option(names = "--cpu-units", paramLabel = "LIST", split = ",", description = "units of the CPU-bound workload (default: 1,2)")
    List<Integer> cpuUnits;

    @Option(names = "--cpu-pages", paramLabel = "N", description = "pages of a CPU-bound crawl cell (default: 80)")
    Integer cpuPages;

    @Option(names = "--cpu-work", paramLabel = "ROUNDS", description = "SHA-256 rounds per page in the CPU-bound workload (default: 1500)")
    Integer cpuWork;

    @Option(names = "--sweep-latencies", paramLabel = "LIST", split = ",", converter = FixedLatencyConverter.class,
            description = "latencies of the latency sweep, virtual threads and process mode at c=100, e.g. 0,200ms,1s (default: 0 with the default run and --quick, 0,200ms,1s with --full;"
                    + " its 0 ms cell is the ceiling claim 4 is judged against)")
    List<Duration> sweepLatencies;

    @Option(names = "--batch-sizes", paramLabel = "LIST", split = ",", description = "batch sizes of the batch sweep (default: 1,128; the sweep runs with --full or --workloads batch)")
    List<Integer> batchSizes;

    @Option(names = "--max-platform-threads", paramLabel = "N",
            description = "platform cells above this concurrency are skipped and say so (default: 2000; --quick: 100)")
    Integer maxPlatformThreads;

    @Option(names = "--max-workers", paramLabel = "N",
            description = "process cells needing more worker JVMs are skipped and say so (default: 4; --quick: 2)")
    Integer maxWorkers;

    @Option(names = "--max-time", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "time limit of each child crawl, as crawl --max-time takes it: 40, 40s, 1m (default: 40s; --quick: 20s)")
    Duration maxTime;

    @Option(names = "--pinning", negatable = true,
            description = "record JFR jdk.VirtualThreadPinned in every crawl JVM (all modes alike) and count it for the"
                    + " virtual-thread rows (default: on; --quick: off)")
    Boolean pinning;

    @Option(names = "--kill-worker-every", paramLabel = "N",
            description = "the chaos crawl (process mode) SIGKILLs a worker after every N results (default: 100; --quick: 30)")
    Integer killWorkerEvery;

    @Option(names = "--wget2", negatable = true,
            description = "also crawl the I/O-bound site with wget2 at the same concurrency, as a reference row, when wget2 is on PATH"
                    + " (default: on, off with --quick, which measures the models only; without wget2 the row says how to get it)")
    Boolean wget2;

    @Option(names = "--seed", paramLabel = "N",
            description = "the order's seed: each mode's cells (one child JVM per mode) and the modes and cold cells are shuffled"
                    + " with it; printed in the report, so the same seed repeats the order; 0: cheapest first, the same"
                    + " order every run (default: a new seed each run)")
    Long seed;

    @Option(names = "--keep-runs", description = "keep each crawl's seeds, results, summary and log (in DIR/runs with --out)")
    boolean keepRuns;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = System.err;
        BenchConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            err.println("crawler: " + e.getMessage());
            return 2;
        }
        // Progress is for a person watching: not in CI, not into a file or pipe (the launcher says which).
        boolean showProgress = !quiet && Boolean.getBoolean("crawler.stderr.tty") && System.getenv("CI") == null;
        Path work = keepRuns && out != null ? out.resolve("runs") : Files.createTempDirectory("crawler-bench-");
        BenchRunner.Target where = target == null ? BenchRunner.Target.FIXTURE_SITE : new BenchRunner.Target(target, depth);
        BenchResult result;
        try {
            result = new BenchRunner(config, where, work, showProgress ? err : null, referenceRows() ? Wget2.onPath() : null,
                    orderSeed()).run();
        } finally {
            if (!keepRuns) {
                DirTree.delete(work);
            }
        }
        JudgedBench judged = JudgedBench.of(result);
        if (json) {
            System.out.print(JsonReport.render(judged));
        } else {
            System.out.print(TextReport.render(judged));
        }
        if (out != null) {
            BenchFiles.write(out, judged);
            (json ? err : System.out).println("\nwrote " + BenchFiles.NAMES + " to " + out.toAbsolutePath());
        }
        boolean anyFailed = result.cells().stream().anyMatch(c -> !c.skipped() && !c.ok());
        return anyFailed ? 1 : 0;
    }

    /**
     * The order's seed: --seed, else a new one (printed): a fixed order would always run the same
     * mode first (on a colder machine, a cooler fixture server) and the same level first in each
     * child JVM. The budget holds the whole quick and default grids on an idle machine, so a
     * random order does not decide which cells are dropped.
     */
    long orderSeed() {
        return seed != null ? seed : new java.util.SplittableRandom().nextLong(1, 1_000_000);
    }

    /** Whether wget2's reference rows run: --wget2 or --no-wget2, else all but --quick. */
    public boolean referenceRows() {
        return wget2 != null ? wget2 : !quick;
    }

    BenchConfig config() {
        if (quick && full) {
            throw new IllegalArgumentException("--quick and --full are two different grids: choose one");
        }
        BenchConfig c = quick ? BenchConfig.quick() : full ? BenchConfig.full() : BenchConfig.standard();
        if (repeat != null) {
            c = c.withRepeats(repeat);
        }
        if (warmups != null) {
            c = c.withWarmups(warmups);
        }
        if (modes != null) {
            c = c.withModes(modes.stream().map(Substrate::parse).toList());
        }
        List<Workload> w = workloads == null ? c.workloads() : workloads.stream().map(BenchCommand::workload).toList();
        c = c.withGrid(w, levels == null ? c.ioLevels() : levels);
        c = c.withIo(latency == null ? c.ioLatencyMillis() : latency.toMillis(), rounds == null ? c.ioRounds() : rounds,
                minPages == null ? c.ioMinPages() : minPages, maxPages == null ? c.ioMaxPages() : maxPages);
        c = c.withCpu(cpuUnits == null ? c.cpuUnits() : cpuUnits, cpuPages == null ? c.cpuPages() : cpuPages,
                cpuWork == null ? c.cpuWork() : cpuWork);
        c = c.withSweeps(c.sweepConcurrency(), sweepLatencies == null ? c.sweepLatenciesMillis() : sweepLatencies.stream().map(Duration::toMillis).toList(),
                c.sweepRounds(), batchSizes == null ? c.batchSizes() : batchSizes, c.batchPages());
        c = c.withLimits(maxPlatformThreads == null ? c.maxPlatformThreads() : maxPlatformThreads,
                maxWorkers == null ? c.maxWorkers() : maxWorkers,
                maxTime == null ? c.maxTime() : maxTime);
        if (pinning != null) {
            c = c.withPinning(pinning);
        }
        if (budget != null) {
            if (!budget.isPositive()) {
                throw new IllegalArgumentException("--budget must be above zero, was " + Fmt.duration(budget));
            }
            c = c.withBudget(budget);
        }
        if (killWorkerEvery != null) {
            c = c.withChaos(c.chaosConcurrency(), c.chaosPages(), killWorkerEvery);
        }
        return c;
    }

    /**
     * A bench latency: as {@code demo} and {@code serve-fixtures} take one ({@link Converters#latency}),
     * but fixed or none only, since the ideal time and claim 4 need every response to take the same
     * time.
     */
    static final class FixedLatencyConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return switch (Converters.latency(value)) {
                case Latency.None none -> Duration.ZERO;
                case Latency.Fixed fixed -> fixed.d();
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "': the bench needs a fixed"
                        + " latency (a duration such as 200ms, or fixed:200ms), since only then is the ideal time exact");
            };
        }
    }

    private static Workload workload(String s) {
        for (Workload w : Workload.values()) {
            if (w.label().equals(s.trim().toLowerCase(java.util.Locale.ROOT))) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + s + "'; expected io, hosts, cpu, latency, batch, startup or chaos");
    }
}
