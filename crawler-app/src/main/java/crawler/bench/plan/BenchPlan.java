package crawler.bench.plan;


import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The grid a {@link BenchConfig} describes, as a list of cells, each either runnable or carrying
 * the reason its substrate cannot run it. A pure function of the config; nothing is dropped
 * silently.
 */
public final class BenchPlan {

    /** Hosts (ports) of the fixture site that the {@link Workload#HOSTS} cells crawl. */
    public static final int SITE_HOSTS = 16;

    /**
     * The models compared over many hosts: threads, worker processes, and cluster mode on one
     * member and on two (the embedded one and a member JVM). Platform threads behave as virtual
     * ones here, and one-thread workers are the CPU table's.
     */
    static final List<Substrate> HOSTS_MODES = List.of(Substrate.VIRTUAL, Substrate.PROCESS, Substrate.CLUSTER,
            Substrate.CLUSTER_2M);

    /**
     * The many-host levels: the I/O levels from 10 to 1,000. Below 10 most of the 16 hosts wait
     * for a free slot however the work is spread; above 1,000 a cluster member runs out of batch
     * tasks (one per host of a batch, at most 1,024 at once).
     */
    static final int HOSTS_MIN_LEVEL = 10;
    static final int HOSTS_MAX_LEVEL = 1000;

    /** Why the one-host I/O table has no cell of a cluster of several members. */
    static final String ONE_HOST_MEMBERS = "one host has one owning member, so the others would idle: the many-host"
            + " table (--workloads hosts) runs it";

    /**
     * One planned cell.
     *
     * @param cell       what to crawl
     * @param skipReason why it will not run, or null
     */
    public record Planned(Cell cell, String skipReason) {
        public Planned {
            Objects.requireNonNull(cell, "cell");
        }
    }

    private BenchPlan() {
    }

    /**
     * The cells of the grid, in table order.
     *
     * @param fixtureSite false for a user's site: its latency is unknown and the sweeps need the
     *                    fixture site's latency control, so they are skipped with that reason
     */
    public static List<Planned> of(BenchConfig c, boolean fixtureSite) {
        List<Planned> out = new ArrayList<>();
        long ioLatency = fixtureSite ? c.ioLatencyMillis() : -1;
        for (Workload w : c.workloads()) {
            switch (w) {
                case IO -> {
                    for (Substrate s : c.substrates()) {
                        for (int level : ioLevels(c, s)) {
                            Cell cell = new Cell(w, s, level, c.batchSize(), ioLatency, 0, fixtureSite ? c.ioPages(level) : 1);
                            out.add(s.members() > 1 ? new Planned(cell, ONE_HOST_MEMBERS) : planned(c, cell));
                        }
                    }
                }
                case HOSTS -> {
                    for (Substrate s : HOSTS_MODES) {
                        if (!c.substrates().contains(s)) {
                            continue;
                        }
                        for (int level : hostsLevels(c)) {
                            Cell cell = new Cell(w, s, level, c.batchSize(), c.ioLatencyMillis(), 0, hostsPages(c, level));
                            out.add(fixtureSite ? planned(c, cell)
                                    : new Planned(cell, "needs the fixture site, whose hosts the bench starts"));
                        }
                    }
                }
                case CPU -> {
                    // Units doing CPU work: threads, or worker JVMs with one thread each (the seed's process pool).
                    for (Substrate s : c.cpuModes()) {
                        for (int units : c.cpuUnits()) {
                            add(out, c, new Cell(w, s, units, c.batchSize(), fixtureSite ? 0 : -1, c.cpuWork(), fixtureSite ? c.cpuPages() : 1));
                        }
                    }
                }
                case LATENCY -> {
                    for (Substrate s : c.latencyModes()) {
                        for (long l : c.sweepLatenciesMillis()) {
                            Cell cell = new Cell(w, s, c.sweepConcurrency(), c.batchSize(), l, 0,
                                    c.sweepConcurrency() * c.sweepRounds());
                            out.add(fixtureSite ? planned(c, cell)
                                    : new Planned(cell, "needs the fixture site, whose latency the bench sets"));
                        }
                    }
                }
                case BATCH -> {
                    if (c.substrates().contains(Substrate.PROCESS)) {
                        for (int b : c.batchSizes()) {
                            Cell cell = new Cell(w, Substrate.PROCESS, c.sweepConcurrency(), b, 0, 0, c.batchPages());
                            out.add(fixtureSite ? planned(c, cell)
                                    : new Planned(cell, "needs the fixture site, whose latency the bench sets"));
                        }
                    }
                }
                case STARTUP -> {
                    for (Substrate s : c.startupModes()) {
                        add(out, c, new Cell(w, s, 1, 1, fixtureSite ? 0 : -1, 0, 1));
                    }
                }
                case CHAOS -> {
                    // Worker processes killed mid-crawl (claim 8). The thread-mode fault-isolation
                    // scenario (a failure inside the one JVM) is planned here too once it exists.
                    if (c.substrates().contains(Substrate.PROCESS)) {
                        Cell cell = new Cell(w, Substrate.PROCESS, c.chaosConcurrency(), c.batchSize(), c.ioLatencyMillis(), 0,
                                c.chaosPages(), c.chaosKillEvery());
                        out.add(fixtureSite ? planned(c, cell)
                                : new Planned(cell, "needs the fixture site, whose ground truth the surviving crawl is checked against"));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The I/O-bound levels of a substrate. Platform threads also get a cell at
     * {@code --max-platform-threads} when a level above it is skipped: the highest concurrency
     * they are allowed, the fair partner of virtual threads at the top level.
     */
    public static List<Integer> ioLevels(BenchConfig c, Substrate s) {
        java.util.TreeSet<Integer> levels = new java.util.TreeSet<>(c.ioLevels());
        if (s == Substrate.PLATFORM && levels.last() > c.maxPlatformThreads()) {
            levels.add(c.maxPlatformThreads());
        }
        return List.copyOf(levels);
    }

    /** The I/O levels the many-host table runs at. */
    public static List<Integer> hostsLevels(BenchConfig c) {
        return c.ioLevels().stream().filter(l -> l >= HOSTS_MIN_LEVEL && l <= HOSTS_MAX_LEVEL).sorted().toList();
    }

    /** Pages of a many-host cell: the I/O cell's, and at least five per host. */
    public static int hostsPages(BenchConfig c, int level) {
        return Math.max(c.ioPages(level), 5 * SITE_HOSTS);
    }

    private static void add(List<Planned> out, BenchConfig c, Cell cell) {
        out.add(planned(c, cell));
    }

    private static Planned planned(BenchConfig c, Cell cell) {
        return new Planned(cell, skipReason(c, cell));
    }

    /** Why the substrate cannot run the cell within the configured limits, or null. */
    public static String skipReason(BenchConfig c, Cell cell) {
        if (cell.workers() > c.maxWorkers()) {
            return String.format(java.util.Locale.ROOT,
                    "%,d worker JVMs: above --max-workers %d (each costs tens of MB and seconds of start-up;"
                            + " raise the limit to try)", cell.workers(), c.maxWorkers());
        }
        if (cell.substrate().platformThreads() && cell.concurrency() > c.maxPlatformThreads()) {
            // Worker processes fetch on platform threads too: concurrency c means c OS threads over the workers.
            return String.format(java.util.Locale.ROOT,
                    "%,d platform threads%s: above --max-platform-threads %,d (each is an OS thread with its own stack;"
                            + " raise the limit to try)", cell.concurrency(),
                    cell.workers() > 0 ? String.format(java.util.Locale.ROOT, " over %,d worker JVMs", cell.workers()) : "", c.maxPlatformThreads());
        }
        return null;
    }
}
