package crawler.bench.judge;

import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.run.RunResult;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Figures derived from measured cells, shared by every report and the verdicts. Pure functions. */
public final class Analysis {

    private Analysis() {
    }

    /**
     * The cells marked fastest: per concurrency (I/O, CPU), per latency (latency sweep), the
     * best batch size, the quickest start-up. Only clean cells compete.
     */
    public static Set<Cell> fastest(List<CellResult> cells) {
        Set<Cell> out = new HashSet<>();
        // A chaos crawl is a correctness check: its time includes restarts on purpose, so it does not compete.
        Map<Object, List<CellResult>> groups = cells.stream().filter(CellResult::clean)
                .filter(c -> c.cell().workload() != Workload.CHAOS)
                .collect(Collectors.groupingBy(Analysis::groupKey));
        for (List<CellResult> g : groups.values()) {
            Optional<CellResult> best = g.get(0).cell().workload() == Workload.STARTUP
                    ? g.stream().min(Comparator.comparingDouble(c -> firstPageMillis(c).median()))
                    : g.stream().max(Comparator.comparingDouble(c -> c.pagesPerSecond().median()));
            best.ifPresent(c -> out.add(c.cell()));
        }
        return out;
    }

    private static Object groupKey(CellResult c) {
        Cell cell = c.cell();
        return switch (cell.workload()) {
            case IO, HOSTS, CPU -> List.of(cell.workload(), cell.concurrency());
            case LATENCY -> List.of(cell.workload(), cell.latencyMillis());
            case BATCH, STARTUP, CHAOS -> List.of(cell.workload());
        };
    }

    /** Wall time at one unit over wall time of this cell, same workload and substrate; NaN without a clean 1-unit cell. */
    public static double speedup(CellResult cell, List<CellResult> all) {
        if (!cell.ok()) {
            return Double.NaN;
        }
        return all.stream()
                .filter(c -> c.ok() && c.cell().workload() == cell.cell().workload()
                        && c.cell().substrate() == cell.cell().substrate() && c.cell().concurrency() == 1)
                .findFirst()
                .map(one -> one.wallMillis().median() / cell.wallMillis().median())
                .orElse(Double.NaN);
    }

    /**
     * Time from asking for one unit to its first page: the crawl's wall time (thread start,
     * fetch and parse of one page); in process mode the worker's spawn to its first result, as the
     * worker's reader measured it (runs recorded before that was measured: wall time plus
     * spawn-to-hello, which the crawl's wall time leaves out). Median over runs.
     */
    public static Stat firstPageMillis(CellResult c) {
        return Stat.of(c.runs().stream().map(Analysis::firstPageMillis).toList());
    }

    private static long firstPageMillis(RunResult r) {
        if (!r.workerFirstResultMillis().isEmpty()) {
            return r.workerFirstResultMillis().stream().mapToLong(Long::longValue).max().orElseThrow();
        }
        return r.wallMillis() + r.workerStartupMillis().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * Extra peak PSS per unit of concurrency in the I/O-bound workload: the slope between the
     * lowest and highest clean, measured level of one substrate. Empty with fewer than two levels.
     */
    public static Optional<Double> memoryPerUnitKb(List<CellResult> ioCellsOfOneSubstrate) {
        List<CellResult> ok = ioCellsOfOneSubstrate.stream().filter(c -> c.ok() && c.measuredUsage())
                .sorted(Comparator.comparingInt(c -> c.cell().concurrency())).toList();
        if (ok.size() < 2) {
            return Optional.empty();
        }
        CellResult lo = ok.get(0);
        CellResult hi = ok.get(ok.size() - 1);
        double dUnits = hi.cell().concurrency() - lo.cell().concurrency();
        return Optional.of((hi.peakPssKb().median() - lo.peakPssKb().median()) / dUnits);
    }

    /** The clean cell of the given workload and substrate at the highest concurrency, if any. */
    public static Optional<CellResult> highest(BenchResult r, Workload w, Substrate s) {
        return r.cells(w, s).stream().filter(CellResult::ok).max(Comparator.comparingInt(c -> c.cell().concurrency()));
    }

    public static Optional<CellResult> at(BenchResult r, Workload w, Substrate s, int concurrency) {
        return r.cells(w, s).stream().filter(c -> c.ok() && c.cell().concurrency() == concurrency).findFirst();
    }

    /**
     * Spawn-to-hello of worker JVMs: from the start-up workload (one worker starting alone) when
     * it ran, else from every clean cell. Null without any worker start.
     */
    public static Stat workerHelloMillis(BenchResult r) {
        List<CellResult> alone = r.cells(Workload.STARTUP).stream().filter(c -> c.ok() && c.workerStartupMillis() != null).toList();
        // A cluster cell's start-up is its member's, no worker JVM's.
        List<Long> all = (alone.isEmpty() ? r.cells() : alone).stream().filter(c -> c.ok() && c.cell().workers() > 0)
                .flatMap(c -> c.runs().stream()).flatMap(x -> x.workerStartupMillis().stream()).toList();
        return all.isEmpty() ? null : Stat.of(all);
    }

    public static <T> String join(List<T> items, Function<T, String> f) {
        return items.stream().map(f).collect(Collectors.joining("; "));
    }
}
