package crawler.bench.run;

import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.probe.Machine;
import crawler.bench.probe.OtherWork;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.probe.Probes;
import crawler.bench.probe.Provenance;
import crawler.bench.probe.UnitStartup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one bench run measured: the input of every report. Immutable.
 *
 * @param machine     JDK, cores, OS
 * @param target      the crawled site: "fixture site" or the user's URL
 * @param repeats     measured crawls per cell
 * @param warmups     unmeasured crawls before a warm session's first run (0: cold)
 * @param unitStartup thread and virtual-thread start-up, measured in the bench JVM
 * @param parkedUnits what parked threads of each kind cost, apart from any crawl (empty when not measured)
 * @param cells       every planned cell, run or skipped, in table order
 * @param otherCpuShare share (0 to 1) of the machine's CPU capacity that processes other than the
 *                    bench and its crawls used while it ran, or -1 when unknown ({@link OtherWork})
 * @param elapsedMillis how long the whole bench took
 * @param budget      the time limit the bench ran under ({@code --budget})
 * @param references  crawlers from outside the project on the same site (wget2), beside the
 *                    I/O-bound table; empty when none was asked for
 * @param probes      measures beside the crawls (context-switch price, thread-mode fault, order seed)
 * @param provenance  commit, child JVM options, start time and host, carried by every raw row
 */
public record BenchResult(Machine machine, String target, int repeats, int warmups, UnitStartup unitStartup,
                          List<ParkedUnits> parkedUnits, List<CellResult> cells,
                          double otherCpuShare, long elapsedMillis, Duration budget, List<Reference> references,
                          Probes probes, Provenance provenance) {

    /** A result of unknown provenance. */
    public BenchResult(Machine machine, String target, int repeats, int warmups, UnitStartup unitStartup,
                       List<ParkedUnits> parkedUnits, List<CellResult> cells, double otherCpuShare, long elapsedMillis,
                       Duration budget, List<Reference> references, Probes probes) {
        this(machine, target, repeats, warmups, unitStartup, parkedUnits, cells, otherCpuShare, elapsedMillis, budget,
                references, probes, Provenance.UNKNOWN);
    }

    /** A result without probes beside the crawls. */
    public BenchResult(Machine machine, String target, int repeats, int warmups, UnitStartup unitStartup,
                       List<ParkedUnits> parkedUnits, List<CellResult> cells, double otherCpuShare, long elapsedMillis,
                       Duration budget, List<Reference> references) {
        this(machine, target, repeats, warmups, unitStartup, parkedUnits, cells, otherCpuShare, elapsedMillis, budget,
                references, Probes.NONE);
    }

    /** A result without reference rows. */
    public BenchResult(Machine machine, String target, int repeats, int warmups, UnitStartup unitStartup,
                       List<ParkedUnits> parkedUnits, List<CellResult> cells, double otherCpuShare, long elapsedMillis,
                       Duration budget) {
        this(machine, target, repeats, warmups, unitStartup, parkedUnits, cells, otherCpuShare, elapsedMillis, budget, List.of());
    }

    /** {@link #target} of a bench on the embedded fixture site. */
    public static final String FIXTURE_SITE = "embedded fixture site";

    public BenchResult {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(unitStartup, "unitStartup");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(provenance, "provenance");
        cells = List.copyOf(cells);
        parkedUnits = List.copyOf(parkedUnits);
        references = List.copyOf(references);
    }

    /** Whether other processes used so much of the CPU that time and speed-up figures are not to be trusted. */
    public boolean machineBusy() {
        return otherCpuShare > BUSY_SHARE;
    }

    /** Above this share of the machine's CPU used by other processes, the bench calls the machine busy. */
    public static final double BUSY_SHARE = 0.25;

    public List<CellResult> cells(Workload w) {
        return cells.stream().filter(c -> c.cell().workload() == w).toList();
    }

    public List<CellResult> cells(Workload w, Substrate s) {
        return cells.stream().filter(c -> c.cell().workload() == w && c.cell().substrate() == s).toList();
    }

    /**
     * The highest pages/s of any clean crawl without extra CPU work, whatever its latency and
     * mode: a throughput this machine (crawler and fixture site together) certainly reaches, so a
     * lower bound of its ceiling. Short crawls in cold child JVMs stay below the true ceiling.
     */
    public Optional<Double> ceilingPagesPerSecond() {
        return cells.stream()
                .filter(c -> c.clean() && c.cell().cpuWork() == 0 && c.cell().workload() != Workload.STARTUP
                        && c.cell().workload() != Workload.CHAOS)
                .map(c -> c.pagesPerSecond().median())
                .max(Double::compare);
    }

    /**
     * The machine's ceiling as claim 4 needs it: measured in this run by a clean crawl of a site
     * without latency and without extra CPU work (the latency sweep's 0 ms cells), raised to the
     * best throughput any clean crawl reached, since a short zero-latency crawl pays its fixed
     * costs on few pages and the machine certainly reaches what any crawl reached. Empty without a
     * zero-latency cell.
     */
    public Optional<Double> zeroLatencyCeiling() {
        Optional<Double> zero = cells.stream()
                .filter(c -> c.clean() && c.cell().latencyMillis() == 0 && c.cell().cpuWork() == 0
                        && (c.cell().workload() == Workload.LATENCY || c.cell().workload() == Workload.IO))
                .map(c -> c.pagesPerSecond().median())
                .max(Double::compare);
        return zero.map(z -> Math.max(z, ceilingPagesPerSecond().orElse(z)));
    }

    /** Whether a cell's runs were made on a warm substrate (after an unmeasured warm-up crawl in the same JVM). */
    public boolean warm(Cell cell) {
        return cell.workload().warm() && warmups > 0;
    }

    public BenchResult withProbes(Probes p) {
        return new BenchResult(machine, target, repeats, warmups, unitStartup, parkedUnits, cells, otherCpuShare, elapsedMillis,
                budget, references, p, provenance);
    }
}
