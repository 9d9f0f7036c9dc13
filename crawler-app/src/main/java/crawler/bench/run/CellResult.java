package crawler.bench.run;

import crawler.bench.plan.Cell;
import crawler.bench.judge.Stat;

import crawler.report.IdealTime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A cell with its measured runs, or the reason it was not run. Immutable; every figure is
 * computed from the runs on demand, so the record is all the report needs.
 *
 * @param cell       the grid point
 * @param skipReason why the substrate cannot run this cell, or null when it ran
 * @param runs       the measured repetitions (empty when skipped)
 */
public record CellResult(Cell cell, String skipReason, List<RunResult> runs) {

    /** A cell whose wall time spreads more than this (max - min over median) is flagged. */
    public static final double WIDE_SPREAD = 0.25;

    public CellResult {
        Objects.requireNonNull(cell, "cell");
        runs = List.copyOf(runs);
        if (skipReason == null && runs.isEmpty()) {
            throw new IllegalArgumentException("cell " + cell.key() + " has neither runs nor a skip reason");
        }
    }

    public static CellResult skipped(Cell cell, String why) {
        return new CellResult(cell, why, List.of());
    }

    public boolean skipped() {
        return skipReason != null;
    }

    /**
     * Why the cell failed, or null: a run failed, or the runs did not all fetch the same URL set.
     */
    public String failure() {
        if (skipped()) {
            return null;
        }
        for (RunResult r : runs) {
            if (r.failed()) {
                return "run " + r.repeat() + ": " + r.failure();
            }
        }
        long digests = runs.stream().map(RunResult::urlSetDigest).distinct().count();
        if (digests > 1) {
            return "runs fetched different URL sets (" + runs.stream().map(r -> Integer.toString(r.urlCount())).toList() + " URLs)";
        }
        return null;
    }

    /** Ran, every run counts, and every run fetched the same URL set. */
    public boolean ok() {
        return !skipped() && failure() == null;
    }

    /** Ok and without fetch errors: only such a cell can be the fastest. */
    public boolean clean() {
        return ok() && runs.stream().allMatch(r -> r.errors() == 0);
    }

    public Stat wallMillis() {
        return stat(r -> r.wallMillis());
    }

    public Stat pagesPerSecond() {
        return stat(RunResult::pagesPerSecond);
    }

    public Stat cpuMillis() {
        return stat(r -> r.usage().cpuMillis());
    }

    public Stat peakPssKb() {
        return stat(r -> r.usage().peakPssKb());
    }

    public Stat peakRssKb() {
        return stat(r -> r.usage().peakRssKb());
    }

    public Stat peakThreads() {
        return stat(r -> r.usage().peakThreads());
    }

    public Stat contextSwitches() {
        return stat(r -> r.usage().contextSwitches());
    }

    /**
     * The most requests the site held at once, per run as the site counted them; null when no run
     * was counted (a user's site).
     */
    public Stat peakInFlight() {
        List<Integer> counted = runs.stream().map(RunResult::peakInFlight).filter(p -> p >= 0).toList();
        return counted.isEmpty() ? null : Stat.of(counted);
    }

    public long errors() {
        return runs.stream().mapToLong(RunResult::errors).max().orElse(0);
    }

    /**
     * JFR {@code jdk.VirtualThreadPinned} events: the most any run recorded; -1 when no run
     * recorded them (recording off, or not a virtual-thread cell).
     */
    public long pinningEvents() {
        return runs.stream().mapToLong(RunResult::pinningEvents).max().orElse(-1);
    }

    /** Worker processes that died holding work, the most in any run. */
    public int workerDeaths() {
        return runs.stream().mapToInt(RunResult::workerDeaths).max().orElse(0);
    }

    /** URLs handed out again after their worker died, the most in any run. */
    public long requeued() {
        return runs.stream().mapToLong(RunResult::requeued).max().orElse(0);
    }

    public long pages() {
        return runs.isEmpty() ? 0 : runs.get(0).pages();
    }

    public boolean measuredUsage() {
        return !runs.isEmpty() && runs.stream().allMatch(r -> r.usage().measured());
    }

    /** Spawn to first result over every worker of every run that recorded it; null when none did. */
    public Stat workerFirstResultMillis() {
        List<Long> all = runs.stream().flatMap(r -> r.workerFirstResultMillis().stream()).toList();
        return all.isEmpty() ? null : Stat.of(all);
    }

    /** Worker start-up (spawn to hello) over every worker of every run; null outside process mode. */
    public Stat workerStartupMillis() {
        List<Long> all = runs.stream().flatMap(r -> r.workerStartupMillis().stream()).toList();
        return all.isEmpty() ? null : Stat.of(all);
    }

    /** The ideal time of this flat crawl, or null when the latency is not a known fixed value. */
    public Duration idealTime() {
        if (!cell.hasIdealTime() || runs.isEmpty()) {
            return null;
        }
        return IdealTime.of(pages(), cell.concurrency(), 1, Duration.ofMillis(cell.latencyMillis()));
    }

    /** Ideal time over the median wall time; NaN without an ideal time. */
    public double efficiency() {
        Duration ideal = idealTime();
        return ideal == null ? Double.NaN : IdealTime.efficiency(ideal, Math.round(wallMillis().median()));
    }

    /** The wall-time spread is wide enough to distrust the median. */
    public boolean wideSpread() {
        return runs.size() > 1 && wallMillis().spread() > WIDE_SPREAD;
    }

    private Stat stat(ToDoubleFunction<RunResult> f) {
        if (runs.isEmpty()) {
            throw new IllegalStateException("cell " + cell.key() + " was not run: " + skipReason);
        }
        return Stat.of(runs.stream().map(r -> f.applyAsDouble(r)).toList());
    }
}
