package crawler.bench.render;

import crawler.bench.judge.Analysis;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The I/O table's line on cluster mode, the fourth model: what a member costs beside the
 * throughput its rows show. Its start-up is the embedded member's, from the crawl's summary (the
 * warm-up's, for a warm session); its memory is the peak PSS of the crawl's JVM over its members
 * (one), and how much more that is than virtual threads at the same concurrency, since both fetch
 * on virtual threads and the difference is what the member and its batches' round trips cost.
 */
public final class ClusterRows {

    private ClusterRows() {
    }

    /** One line for the I/O table, or a line saying the run has no cluster rows and why. */
    public static String note(BenchResult r) {
        List<CellResult> cells = r.cells(Workload.IO, Substrate.CLUSTER).stream().filter(CellResult::ok).toList();
        if (cells.isEmpty()) {
            return "cluster: no rows (not in this run's modes; --quick leaves it out, since starting its member, 1.3 to"
                    + " 4.6 s measured per child JVM, does not fit the 60 s budget: the default bench and --full run it)";
        }
        List<String> levels = new ArrayList<>();
        for (CellResult c : cells) {
            int members = c.cell().substrate().members();
            StringBuilder s = new StringBuilder("c=").append(c.cell().concurrency()).append(": start-up ")
                    .append(c.workerStartupMillis() == null ? "-" : Fmt.integer(Math.round(c.workerStartupMillis().median())) + " ms");
            if (c.measuredUsage()) {
                double pss = c.peakPssKb().median();
                s.append(", PSS ").append(Fmt.mb(pss / members)).append(" MB");
                Optional<CellResult> virtual = Analysis.at(r, Workload.IO, Substrate.VIRTUAL, c.cell().concurrency())
                        .filter(CellResult::measuredUsage);
                virtual.ifPresent(v -> s.append(String.format(Locale.ROOT, " (%+.0f MB over virtual threads)",
                        (pss - v.peakPssKb().median()) / 1024.0 / members)));
            }
            levels.add(s.toString());
        }
        return "cluster: one Hazelcast member in the crawl's JVM, batches on its virtual threads; per member, "
                + String.join("; ", levels) + " (the first member of a child JVM loads Hazelcast's classes, later ones start warm)";
    }
}
