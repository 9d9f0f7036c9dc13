package crawler.bench.plan;

import crawler.bench.run.RunResult;
import crawler.bench.run.WarmSession;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The bench's overall time limit: decides whether one more crawl fits, from what the crawls so
 * far cost. A crawl is admitted only if its estimate ends before the deadline, so the bench
 * overruns its budget by at most one estimate's error (each crawl also gets the time left as its
 * own limit).
 *
 * <p>Estimates. A cold run (its own child JVM) costs child-JVM start and stop, plus worker
 * start-up in process mode, plus the crawl. A warm session ({@link WarmSession}) costs the same
 * start and stop once, plus its warm-up crawl (a share of a crawl, by pages), plus one crawl per run. A crawl is estimated at
 * what the cell's last run took, or, for a cell not run yet, at its ideal time or its pages at the
 * best rate seen so far, whichever is longer (a busy machine caps the rate well below
 * c / latency). Start and stop are learned as the mean seen.
 *
 * <p><b>Thread-safety:</b> not thread-safe; the bench runs one crawl at a time.
 */
public final class Budget {

    /** Child-JVM start and stop before any crawl was seen: about this much on 2 busy cores. */
    public static final long FIRST_OVERHEAD_MILLIS = 2_500;
    /** Worker start-up (spawn to hello) before any was seen. */
    public static final long FIRST_WORKER_MILLIS = 1_500;
    /** An embedded cluster member's start-up before any was seen (4.4-4.6 s measured on 2 loaded cores). */
    public static final long FIRST_MEMBER_MILLIS = 4_500;
    /** A member JVM's start-up (cluster mode with more members) before any was seen (1.4-3 s measured). */
    public static final long FIRST_MEMBER_JVM_MILLIS = 2_000;
    /** Pages per second of a crawl without extra CPU work, before any was seen. */
    public static final double FIRST_PAGE_RATE = 500;
    /** Fewest pages of a crawl whose rate may stand for the machine's. */
    public static final int MIN_PAGES_FOR_RATE = 200;
    /** Pages per second of a crawl with extra CPU work, before any was seen. */
    public static final double FIRST_CPU_PAGE_RATE = 30;

    private final LongSupplier nanoTime;
    private final long deadline;
    private final Duration budget;
    private final int warmups;
    private final Map<Cell, Long> lastRunMillis = new HashMap<>();
    // Child-JVM start and stop, learned apart for thread modes, process mode, cluster mode on one
    // member and on more: a process-mode child also waits for its workers, whose cold warm-up crawl
    // costs more than one JVM's; a cluster-mode child starts its embedded member, counted here. The
    // member JVMs of a cluster of more members start again with each of its cells, like a
    // process-mode cell's workers, and are learned apart from workers (memberJvmMillis).
    private final long[] overheadMillis = {FIRST_OVERHEAD_MILLIS, FIRST_OVERHEAD_MILLIS,
            FIRST_OVERHEAD_MILLIS + FIRST_MEMBER_MILLIS, FIRST_OVERHEAD_MILLIS + FIRST_MEMBER_MILLIS};
    private final int[] overheadSamples = new int[overheadMillis.length];
    private long workerMillis = FIRST_WORKER_MILLIS;
    private long memberJvmMillis = FIRST_MEMBER_JVM_MILLIS;
    private int memberJvmSamples;
    private double pageRate = FIRST_PAGE_RATE;
    private double cpuPageRate = FIRST_CPU_PAGE_RATE;
    private boolean pageRateSeen;
    private int workerSamples;
    private boolean cpuPageRateSeen;

    /**
     * Starts the clock now.
     *
     * @param warmups unmeasured crawls of each warm session
     */
    public Budget(Duration budget, int warmups, LongSupplier nanoTime) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be > 0, was " + budget);
        }
        this.budget = budget;
        this.warmups = warmups;
        this.nanoTime = nanoTime;
        this.deadline = nanoTime.getAsLong() + budget.toNanos();
    }

    public Duration budget() {
        return budget;
    }

    public long remainingMillis() {
        return Math.max(0, (deadline - nanoTime.getAsLong()) / 1_000_000);
    }

    /**
     * Expected cost of one measured run of the cell: spawn to exit for a cold run, the crawl
     * alone for a run of a warm session.
     */
    public long estimateMillis(Cell cell) {
        Long seen = lastRunMillis.get(cell);
        if (seen != null) {
            return seen;
        }
        long crawl = crawlMillis(cell);
        return cell.workload().warm() ? crawl : overheadMillis(cell) + crawl + workerStartMillis(cell);
    }

    /** Expected cost of a warm session of the cell with {@code runs} measured runs, spawn to exit. */
    public long sessionMillis(Cell cell, int runs) {
        long crawl = lastRunMillis.getOrDefault(cell, crawlMillis(cell));
        return overheadMillis(cell) + workerStartMillis(cell) + warmups * warmupMillis(cell, crawl) + runs * crawl;
    }

    /**
     * Expected cost of a step up to the end of each cell's first run: a warm session of these
     * cells (one child JVM; each cell its substrate, its warm-up and one run), or one cold run.
     */
    public long stepMillis(java.util.List<Cell> cells, boolean warm) {
        if (!warm) {
            return cells.stream().mapToLong(this::estimateMillis).sum();
        }
        long total = overheadMillis(cells.getFirst());
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            long crawl = lastRunMillis.getOrDefault(c, crawlMillis(c));
            total += workerStartMillis(c) + warmups * Math.round((double) crawl * WarmSession.warmupPages(c, i == 0) / c.pages())
                    + crawl;
        }
        return total;
    }

    /** A warm-up crawl of the cell, taken to cost its share of a whole crawl by pages. */
    private static long warmupMillis(Cell cell, long crawlMillis) {
        return Math.round((double) crawlMillis * WarmSession.warmupPages(cell) / cell.pages());
    }

    /** Expected cost of the cell's first run: a whole warm session of one run, or one cold run. */
    public long firstRunMillis(Cell cell) {
        return cell.workload().warm() ? sessionMillis(cell, 1) : estimateMillis(cell);
    }

    /** Whether {@code millis} more, with {@code reserveMillis} kept back for other cells, end before the deadline. */
    public boolean admits(long millis, long reserveMillis) {
        return millis + reserveMillis <= remainingMillis();
    }

    /** Whether a first run of the cell is expected to end before the deadline. */
    public boolean admits(Cell cell) {
        return admits(firstRunMillis(cell), 0);
    }

    /** A crawl of the cell not seen yet: its ideal time or its pages at the best rate seen, whichever is longer. */
    private long crawlMillis(Cell cell) {
        long ideal = cell.latencyMillis() > 0
                ? (long) Math.ceil((double) cell.pages() / cell.concurrency()) * cell.latencyMillis() : 0;
        long atRate = Math.round(cell.pages() * 1000.0 / (cell.cpuWork() > 0 ? cpuPageRate : pageRate));
        return Math.max(ideal, atRate);
    }

    /** What starting a cell's own JVMs costs, worker JVMs or member JVMs, before its warm-up. */
    private long workerStartMillis(Cell cell) {
        return cell.workers() > 0 ? workerMillis : memberJvms(cell) ? memberJvmMillis : 0;
    }

    private static boolean memberJvms(Cell cell) {
        return cell.substrate().members() > 1;
    }

    /** Learns from a finished cold run. */
    public void record(RunResult run) {
        lastRunMillis.put(run.cell(), run.childMillis());
        // A chaos crawl restarts workers while it crawls: its start-up figures are not typical.
        if (!run.failed() && run.wallMillis() > 0 && run.cell().workload() != Workload.CHAOS) {
            long workers = maxWorkerStart(run);
            learnOverhead(run.cell(), run.childMillis() - run.wallMillis() - workers);
            learnWorkerStart(run.cell(), workers);
            learnRate(run);
        }
    }

    /** Learns from a finished run of a warm session (its child millis: the crawl alone). */
    public void recordWarmRun(RunResult run) {
        lastRunMillis.put(run.cell(), run.childMillis());
        if (!run.failed() && run.wallMillis() > 0) {
            learnRate(run);
        }
    }

    /**
     * Learns child-JVM start and stop, and worker start-up, from a finished warm session: its
     * set-up (spawn to first run) and exit, less the warm-up crawl, taken to cost what its first
     * run did.
     */
    public void recordSession(WarmSession.Outcome session) {
        if (session.runs().isEmpty() || session.setupMillis() < 0) {
            return;
        }
        RunResult first = session.runs().getFirst();
        if (first.failed() || first.wallMillis() <= 0) {
            return;
        }
        long workers = maxWorkerStart(first);
        learnOverhead(first.cell(), session.setupMillis() + session.exitMillis()
                - warmups * warmupMillis(first.cell(), first.childMillis()) - workers);
        learnWorkerStart(first.cell(), workers);
    }

    /**
     * The slowest worker's or member JVM's start-up; an embedded member's stays in its child's
     * overhead (alone, it is the only start-up a one-member cell reports).
     */
    private static long maxWorkerStart(RunResult run) {
        return !run.cell().startsJvms() ? 0 : run.workerStartupMillis().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private long overheadMillis(Cell cell) {
        return overheadMillis[kind(cell)];
    }

    private static int kind(Cell cell) {
        int members = cell.substrate().members();
        return cell.workers() > 0 ? 1 : members > 1 ? 3 : members == 1 ? 2 : 0;
    }

    private void learnOverhead(Cell cell, long sample) {
        int k = kind(cell);
        overheadMillis[k] = mean(overheadMillis[k], overheadSamples[k]++, Math.max(0, sample));
    }

    private void learnWorkerStart(Cell cell, long millis) {
        if (millis <= 0) {
            return;
        }
        if (memberJvms(cell)) {
            memberJvmMillis = mean(memberJvmMillis, memberJvmSamples++, millis);
        } else {
            workerMillis = mean(workerMillis, workerSamples++, millis);
        }
    }

    private void learnRate(RunResult run) {
        double rate = run.pagesPerSecond();
        Cell c = run.cell();
        double idealMillis = c.latencyMillis() > 0 ? Math.ceil((double) c.pages() / c.concurrency()) * c.latencyMillis() : 0;
        // A crawl far from its ideal time ran at the machine's rate: the first such sighting
        // replaces the guess. A crawl near its ideal time only shows the rate is at least that.
        // A small crawl is slow for its fixed costs (robots.txt, the first connections), not for
        // the machine's rate: it cannot lower the guess.
        boolean machineBound = idealMillis < 0.5 * run.wallMillis() && c.pages() >= MIN_PAGES_FOR_RATE;
        if (c.cpuWork() > 0) {
            cpuPageRate = cpuPageRateSeen ? Math.max(cpuPageRate, rate) : rate;
            cpuPageRateSeen = true;
        } else if (c.workload() != Workload.STARTUP && c.pages() > 1) {
            pageRate = machineBound && !pageRateSeen ? rate : Math.max(pageRate, rate);
            pageRateSeen |= machineBound;
        }
    }

    /** The mean of {@code n} earlier samples (whose mean is {@code mean}; none: the guess is dropped) and one more. */
    private static long mean(long mean, int n, long sample) {
        return n == 0 ? sample : (mean * n + sample) / (n + 1);
    }
}
