package crawler.bench.plan;

import crawler.bench.render.Fmt;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The grid and its limits. Immutable; checked when built. {@link #quick()} and
 * {@link #standard()} are the two presets; the command line can narrow either.
 *
 * @param repeats             measured crawls per cell (>= 1)
 * @param substrates          modes of the I/O-bound workloads (and the only modes any workload may use; a
 *                            cluster of several members runs over many hosts only)
 * @param cpuModes            modes of the CPU-bound workload
 * @param latencyModes        modes of the latency sweep
 * @param startupModes        modes of the start-up workload
 * @param workloads           workloads to run
 * @param ioLevels            concurrency levels of the I/O-bound workload
 * @param ioLatencyMillis     fixed latency of the I/O-bound site (> 0)
 * @param ioRounds            pages per cell = concurrency x rounds, within [ioMinPages, ioMaxPages]
 * @param ioMinPages          fewest pages of an I/O-bound cell
 * @param ioMaxPages          most pages of an I/O-bound cell
 * @param cpuUnits            units of concurrency of the CPU-bound workload
 * @param cpuPages            pages of every CPU-bound cell
 * @param cpuWork             extra hash rounds per page in the CPU-bound workload
 * @param sweepConcurrency    concurrency of the latency and batch sweeps
 * @param sweepLatenciesMillis latencies of the latency sweep (0 = none: the machine's ceiling)
 * @param sweepRounds         pages per sweep cell = sweepConcurrency x sweepRounds
 * @param batchSizes          batch sizes of the batch sweep (process mode)
 * @param batchPages          pages of every batch-sweep cell
 * @param batchSize           batch size of every other cell
 * @param maxPlatformThreads  platform cells above this concurrency are skipped, with the reason
 * @param maxWorkers          process cells needing more worker JVMs are skipped, with the reason
 * @param maxTime             time limit of every child crawl
 * @param pinning             record JFR {@code jdk.VirtualThreadPinned} in every measured crawl (the same
 *                            recorder in every mode's coordinator JVM, so its cost is alike) and count it
 *                            for the virtual-thread rows
 * @param chaosConcurrency    concurrency of the chaos cell (process mode, {@link Substrate#PROCESS_WORKERS} workers)
 * @param chaosPages          pages of the chaos cell
 * @param chaosKillEvery      the chaos cell SIGKILLs a worker after every this many results
 * @param budget              the whole bench's time limit: no crawl starts that would end after it, and
 *                            every run left out is reported ("skipped: budget"), never dropped
 * @param warmups             unmeasured crawls a warm session makes before its first measured run (>= 0;
 *                            0: each cell's runs start on a cold substrate, JIT warm-up included)
 */
public record BenchConfig(int repeats, List<Substrate> substrates, List<Substrate> cpuModes, List<Substrate> latencyModes,
                          List<Substrate> startupModes, List<Workload> workloads, List<Integer> ioLevels,
                          long ioLatencyMillis, int ioRounds, int ioMinPages, int ioMaxPages,
                          List<Integer> cpuUnits, int cpuPages, int cpuWork,
                          int sweepConcurrency, List<Long> sweepLatenciesMillis, int sweepRounds,
                          List<Integer> batchSizes, int batchPages, int batchSize,
                          int maxPlatformThreads, int maxWorkers, Duration maxTime, boolean pinning,
                          int chaosConcurrency, int chaosPages, int chaosKillEvery, Duration budget, int warmups) {

    public BenchConfig {
        substrates = List.copyOf(substrates);
        cpuModes = List.copyOf(cpuModes);
        latencyModes = List.copyOf(latencyModes);
        startupModes = List.copyOf(startupModes);
        workloads = List.copyOf(workloads);
        ioLevels = List.copyOf(ioLevels);
        cpuUnits = List.copyOf(cpuUnits);
        sweepLatenciesMillis = List.copyOf(sweepLatenciesMillis);
        batchSizes = List.copyOf(batchSizes);
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(budget, "budget");
        positive("chaosConcurrency", chaosConcurrency);
        positive("chaosPages", chaosPages);
        positive("chaosKillEvery", chaosKillEvery);
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be > 0, was " + budget);
        }
        positive("repeats", repeats);
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must be >= 0, was " + warmups);
        }
        positive("ioLatencyMillis", ioLatencyMillis);
        positive("ioRounds", ioRounds);
        positive("ioMinPages", ioMinPages);
        positive("cpuPages", cpuPages);
        positive("sweepConcurrency", sweepConcurrency);
        positive("sweepRounds", sweepRounds);
        positive("batchPages", batchPages);
        positive("batchSize", batchSize);
        positive("maxPlatformThreads", maxPlatformThreads);
        positive("maxWorkers", maxWorkers);
        if (ioMaxPages < ioMinPages) {
            throw new IllegalArgumentException("ioMaxPages (" + ioMaxPages + ") must be >= ioMinPages (" + ioMinPages + ")");
        }
        if (cpuWork < 0) {
            throw new IllegalArgumentException("cpuWork must be >= 0, was " + cpuWork);
        }
        for (int c : ioLevels) {
            positive("concurrency level", c);
        }
        for (int u : cpuUnits) {
            positive("CPU units", u);
        }
        for (int b : batchSizes) {
            positive("batch size", b);
        }
        for (long l : sweepLatenciesMillis) {
            if (l < 0) {
                throw new IllegalArgumentException("sweep latency must be >= 0 ms, was " + l);
            }
        }
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime must be > 0, was " + maxTime);
        }
        if (ioLatencyMillis >= maxTime.toMillis()) {
            // A bare number is seconds in every duration flag: --latency 200 asks for 200 s.
            throw new IllegalArgumentException("the I/O latency (" + ioLatencyMillis + " ms"
                    + ") must be below each crawl's --max-time (" + Fmt.duration(maxTime) + "); for milliseconds write e.g. 200ms");
        }
    }

    /**
     * Default time limit of {@code --quick}: the README's first command must finish within it.
     * 60 s: with one warm child JVM per mode (not per cell) and no wget2 rows, the whole of
     * {@code bench --quick} took 46 s on two cores while other processes used 1% of the CPU, and
     * 59 to 63 s while they used 45 to 53% (2026-12-02); 45 s would leave no margin for a busy
     * machine, and a busier one than that gets its last cells skipped, each saying so.
     */
    public static final Duration QUICK_BUDGET = Duration.ofSeconds(60);
    /** Default time limit of the bench. */
    public static final Duration STANDARD_BUDGET = Duration.ofMinutes(4);
    /** Default time limit of {@code --full}. */
    public static final Duration FULL_BUDGET = Duration.ofMinutes(10);

    /**
     * Within {@link #QUICK_BUDGET} on an idle 2-core machine: three runs per cell on a warm
     * substrate (one unmeasured warm-up crawl in each child JVM first). I/O-bound at c = 5 and 25
     * and 200 ms on virtual threads and worker processes, so throughput can be seen to grow with c
     * (claims 2, 3, 4, 6); one zero-latency cell, the ceiling claim 4 is judged against; the CPU
     * workload as its probe alone (claims 1 and 5: {@code CpuScaling}, 1 and 2 units of about 1 s
     * of work, no network), without CPU-bound crawl cells, whose two warm sessions cost as much
     * as the probe and decide nothing; one chaos crawl (claim 8). Both levels ask for 25 and 125 pages/s, well below the few hundred pages/s
     * a warm crawl reaches on 2 busy cores, so the models, not the machine, set the pace. No pinning recorder: Flight Recorder costs each child half a
     * second ({@code --pinning} turns it on).
     */
    public static BenchConfig quick() {
        return new BenchConfig(3, List.of(Substrate.VIRTUAL, Substrate.PROCESS),
                List.of(), List.of(Substrate.VIRTUAL), List.of(),
                List.of(Workload.IO, Workload.CPU, Workload.LATENCY, Workload.CHAOS), List.of(5, 25),
                200, 2, 20, 1000,
                List.of(1, 2), 30, 1500,
                50, List.of(0L), 4,
                List.of(), 400, 16,
                100, 2, Duration.ofSeconds(20), false,
                20, 60, 30, QUICK_BUDGET, 1);
    }

    /**
     * Within {@link #STANDARD_BUDGET} on 2 cores: three runs per cell. I/O-bound at 2, 10 and 100
     * in every mode, and a zero-latency cell per mode of the latency sweep: the ceiling claim 4 is
     * judged below (c=2 and 10 ask 20 and 100 pages/s at 100 ms; a warm 2-core machine measured a
     * ceiling of about 480, so c=100 is above half of it and 1,000 far above: those go to --full) (one-thread workers beyond {@code --max-workers} say why they are skipped),
     * CPU-bound at 1 and 2 units, the many-host table at 10 and 100 (virtual, process, cluster on one
     * member and on two; it took the budget from 3 to 4 minutes, since a 3-minute run left cluster
     * mode's cells out), start-up, one chaos crawl. A warm session costs 3 to 14 s of
     * child-JVM start, worker start-up and warm-up crawl before its first run, so a grid that also
     * held c = 10 and 10,000 and the sweeps could not repeat its cells in 4 minutes: they are in
     * {@link #full()}.
     */
    public static BenchConfig standard() {
        BenchConfig f = full();
        return f.withGrid(List.of(Workload.IO, Workload.HOSTS, Workload.CPU, Workload.LATENCY, Workload.STARTUP, Workload.CHAOS),
                        List.of(2, 10, 100))
                .withSweeps(f.sweepConcurrency(), List.of(0L), f.sweepRounds(), f.batchSizes(), f.batchPages())
                .withBudget(STANDARD_BUDGET);
    }

    /**
     * Every workload kind, within {@link #FULL_BUDGET} on 2 cores: I/O-bound up to 10,000 (virtual
     * threads; platform threads up to {@code --max-platform-threads}), the latency and batch-size
     * sweeps, three runs per cell. The I/O-bound levels keep c x 2 pages (10,000 at c = 10,000),
     * enough for every unit to fetch at least once.
     */
    public static BenchConfig full() {
        return new BenchConfig(3, List.of(Substrate.values()), List.of(Substrate.PLATFORM, Substrate.PROCESS_1T),
                List.of(Substrate.VIRTUAL, Substrate.PROCESS),
                List.of(Substrate.VIRTUAL, Substrate.PLATFORM, Substrate.PROCESS), List.of(Workload.values()),
                List.of(2, 10, 100, 1000, 10_000),
                100, 2, 20, 10_000,
                List.of(1, 2), 80, 1500,
                100, List.of(0L, 200L, 1000L), 3,
                List.of(1, 128), 400, 16,
                2000, 4, Duration.ofSeconds(40), true,
                20, 200, 100, FULL_BUDGET, 1);
    }

    /** Unmeasured warm-up crawls per warm session. */
    public BenchConfig withWarmups(int w) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, ioLatencyMillis,
                ioRounds, ioMinPages, ioMaxPages, cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis,
                sweepRounds, batchSizes, batchPages, batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, w);
    }

    public BenchConfig withRepeats(int r) {
        return new BenchConfig(r, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, ioLatencyMillis,
                ioRounds, ioMinPages, ioMaxPages, cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis,
                sweepRounds, batchSizes, batchPages, batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, warmups);
    }

    public BenchConfig withPinning(boolean p) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, ioLatencyMillis,
                ioRounds, ioMinPages, ioMaxPages, cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis,
                sweepRounds, batchSizes, batchPages, batchSize, maxPlatformThreads, maxWorkers, maxTime, p,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, warmups);
    }

    /** Only these modes, in every workload. */
    public BenchConfig withModes(List<Substrate> s) {
        return new BenchConfig(repeats, s, keep(cpuModes, s), keep(latencyModes, s), keep(startupModes, s), workloads, ioLevels,
                ioLatencyMillis, ioRounds, ioMinPages, ioMaxPages,
                cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis, sweepRounds, batchSizes, batchPages,
                batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, warmups);
    }

    public BenchConfig withGrid(List<Workload> w, List<Integer> levels) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, w, levels, ioLatencyMillis, ioRounds, ioMinPages, ioMaxPages,
                cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis, sweepRounds, batchSizes, batchPages,
                batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, warmups);
    }

    public BenchConfig withIo(long latencyMillis, int rounds, int minPages, int maxPages) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, latencyMillis, rounds, minPages, maxPages,
                cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis, sweepRounds, batchSizes, batchPages,
                batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, warmups);
    }

    public BenchConfig withCpu(List<Integer> units, int pages, int work) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, ioLatencyMillis, ioRounds, ioMinPages, ioMaxPages,
                units, pages, work, sweepConcurrency, sweepLatenciesMillis, sweepRounds, batchSizes, batchPages,
                batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, warmups);
    }

    public BenchConfig withSweeps(int concurrency, List<Long> latencies, int rounds, List<Integer> batches, int pages) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, ioLatencyMillis, ioRounds, ioMinPages, ioMaxPages,
                cpuUnits, cpuPages, cpuWork, concurrency, latencies, rounds, batches, pages,
                batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, warmups);
    }

    public BenchConfig withLimits(int platformThreads, int workers, Duration time) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, ioLatencyMillis, ioRounds, ioMinPages, ioMaxPages,
                cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis, sweepRounds, batchSizes, batchPages,
                batchSize, platformThreads, workers, time, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, budget, warmups);
    }

    public BenchConfig withBudget(Duration b) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, ioLatencyMillis,
                ioRounds, ioMinPages, ioMaxPages, cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis,
                sweepRounds, batchSizes, batchPages, batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                chaosConcurrency, chaosPages, chaosKillEvery, b, warmups);
    }

    public BenchConfig withChaos(int concurrency, int pages, int killEvery) {
        return new BenchConfig(repeats, substrates, cpuModes, latencyModes, startupModes, workloads, ioLevels, ioLatencyMillis,
                ioRounds, ioMinPages, ioMaxPages, cpuUnits, cpuPages, cpuWork, sweepConcurrency, sweepLatenciesMillis,
                sweepRounds, batchSizes, batchPages, batchSize, maxPlatformThreads, maxWorkers, maxTime, pinning,
                concurrency, pages, killEvery, budget, warmups);
    }

    private static List<Substrate> keep(List<Substrate> modes, List<Substrate> allowed) {
        return modes.stream().filter(allowed::contains).toList();
    }

    /** Pages of an I/O-bound cell at concurrency {@code c}. */
    public int ioPages(int c) {
        return (int) Math.min(ioMaxPages, Math.max(ioMinPages, (long) c * ioRounds));
    }

    private static void positive(String name, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + v);
        }
    }
}
