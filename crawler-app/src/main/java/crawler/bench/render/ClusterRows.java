package crawler.bench.render;

import crawler.bench.judge.Analysis;
import crawler.bench.judge.Stat;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The I/O tables' lines on cluster mode, the fourth model: what a member costs beside the
 * throughput its rows show, for one member (one host and many) and for two (many hosts only). Start-up is each member's, from the
 * crawl's summary (the warm-up's, for a warm session); memory is the peak PSS of the crawl's
 * process tree over its members, and how much more that is than virtual threads at the same
 * concurrency, since every member fetches on virtual threads and the difference is what the
 * members and their batches' round trips cost. With two members, the pages each delivered show
 * how evenly hashing the hosts shared the work out.
 */
public final class ClusterRows {

    private ClusterRows() {
    }

    /**
     * For the table of {@code w} ({@link Workload#IO} or {@link Workload#HOSTS}): a line for each
     * cluster substrate with rows in it, or, under the one-host table, one line saying the run has
     * none and why.
     */
    public static List<String> notes(BenchResult r, Workload w) {
        List<String> notes = new ArrayList<>();
        for (Substrate s : List.of(Substrate.CLUSTER, Substrate.CLUSTER_2M)) {
            List<CellResult> cells = r.cells(w, s).stream().filter(CellResult::ok).toList();
            if (!cells.isEmpty()) {
                notes.add(note(r, w, s, cells));
            }
        }
        boolean planned = r.cells(w).stream().anyMatch(c -> c.cell().substrate().members() > 0);
        if (notes.isEmpty() && w == Workload.IO && !planned) {
            notes.add("cluster: no rows (not in this run's modes; --quick leaves it out, since starting its member, 1.3 to"
                    + " 4.6 s measured per child JVM, does not fit the 60 s budget: the default bench and --full run it)");
        }
        return notes;
    }

    private static String note(BenchResult r, Workload w, Substrate s, List<CellResult> cells) {
        int members = s.members();
        List<String> levels = new ArrayList<>();
        for (CellResult c : cells) {
            StringBuilder line = new StringBuilder("c=").append(c.cell().concurrency()).append(": start-up ")
                    .append(startup(c.workerStartupMillis(), members));
            if (c.measuredUsage()) {
                double pss = c.peakPssKb().median();
                line.append(", PSS ").append(Fmt.mb(pss / members)).append(" MB");
                Optional<CellResult> virtual = Analysis.at(r, w, Substrate.VIRTUAL, c.cell().concurrency())
                        .filter(CellResult::measuredUsage);
                virtual.ifPresent(v -> line.append(String.format(Locale.ROOT, " (%+.0f MB over virtual threads)",
                        (pss - v.peakPssKb().median()) / 1024.0 / members)));
            }
            if (members > 1) {
                line.append(", pages per member in the most uneven run ").append(shares(c));
            }
            levels.add(line.toString());
        }
        String what = members == 1 ? "cluster: one Hazelcast member in the crawl's JVM, batches on its virtual threads"
                : s.label() + ": " + members + " members, the crawl's embedded one and "
                        + (members == 2 ? "a member JVM" : (members - 1) + " member JVMs")
                        + " it starts, each running the batches of the hosts it owns on virtual threads";
        return what + "; per member, " + String.join("; ", levels) + (members == 1
                ? " (the first member of a child JVM loads Hazelcast's classes, later ones start warm)"
                : " (the embedded member loads Hazelcast's classes in the child JVM's first cell; each cell starts"
                        + " a fresh member JVM)");
    }

    private static String startup(Stat millis, int members) {
        if (millis == null) {
            return "-";
        }
        if (members == 1 || millis.min() == millis.max()) {
            return Fmt.integer(Math.round(millis.median())) + " ms";
        }
        return Fmt.integer(Math.round(millis.min())) + " to " + Fmt.integer(Math.round(millis.max())) + " ms";
    }

    /**
     * The pages each member delivered, most first, in the run with the most uneven split: e.g.
     * {@code 50 / 30}; {@code -} when no run recorded them.
     */
    private static String shares(CellResult c) {
        List<Long> worst = c.runs().stream().map(RunResult::memberPages).filter(p -> !p.isEmpty())
                .max(java.util.Comparator.comparingDouble(ClusterRows::largestShare)).orElse(List.of());
        return worst.isEmpty() ? "-" : String.join(" / ", worst.stream().map(Fmt::integer).toList());
    }

    private static double largestShare(List<Long> pages) {
        long total = pages.stream().mapToLong(Long::longValue).sum();
        return total == 0 ? 0 : (double) pages.getFirst() / total;
    }
}
