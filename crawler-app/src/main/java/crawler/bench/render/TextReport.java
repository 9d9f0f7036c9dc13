package crawler.bench.render;

import crawler.bench.plan.BenchPlan;
import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.BenchRunner;
import crawler.bench.run.CellResult;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.probe.ParkedUnitsChild;
import crawler.bench.probe.UnitStartup;
import crawler.bench.judge.Analysis;
import crawler.bench.judge.JudgedBench;
import crawler.bench.judge.Stat;
import crawler.bench.judge.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The terminal report: a compact table per workload, the fastest cell per concurrency marked
 * {@code *}, a wide spread marked {@code ~}, failed and skipped cells with their reason, then a
 * verdict per claim. A pure function of a {@link BenchResult}.
 */
public final class TextReport {

    private TextReport() {
    }

    public static String render(JudgedBench judged) {
        BenchResult r = judged.result();
        StringBuilder b = new StringBuilder();
        b.append("bench on the ").append(r.target()).append(": ").append(r.machine().describe()).append(", ")
                .append(r.repeats()).append(r.repeats() == 1 ? " run" : " runs").append(" per cell (median, min-max)\n")
                .append(conditions(r)).append('\n').append(method(r)).append('\n');
        for (Workload w : Workload.values()) {
            List<CellResult> cells = r.cells(w);
            if (!cells.isEmpty()) {
                b.append('\n').append(table(w, cells, r));
            }
        }
        b.append("\n* fastest at its concurrency (latency, batch size); ~ spread over ")
                .append(Math.round(CellResult.WIDE_SPREAD * 100)).append("% of the median; memory is peak PSS summed over the crawl's process tree (MB);")
                .append(" in flight is the most requests the fixture site held at once, counted by the site, robots.txt"
                        + " included (a fixture site's hosts have theirs fetched all at once, so at a low c it can pass c)\n");
        r.ceilingPagesPerSecond().ifPresent(c -> b.append(String.format(Locale.ROOT,
                "highest throughput measured: %s pages/s (crawler and fixture site share %d cores); where c / L is"
                        + " above it, efficiency is bounded by the machine, not the model%n", Fmt.rate(c), r.machine().cores())));
        b.append("\nclaims of the seed\n");
        for (Verdict v : judged.verdicts()) {
            b.append(String.format(Locale.ROOT, "%d. %-13s %s%n   %s%n   rule: %s%n", v.claim(), v.outcome().label(), v.text(),
                    v.evidence(), v.rule()));
        }
        return b.toString();
    }

    /** The pinning column as printed: a count for virtual-thread cells, n/a for the others. */
    public static String pinning(CellResult c) {
        if (c.cell().substrate() != Substrate.VIRTUAL) {
            return "n/a";
        }
        return c.pinningEvents() < 0 ? "-" : Fmt.integer(c.pinningEvents());
    }

    /** How the runs were made, in one line. */
    public static String method(BenchResult r) {
        String warm = r.warmups() == 0
                ? "I/O, CPU and sweep cells: one child JVM per mode, each cell on a fresh substrate with no warm-up crawl (cold)"
                : "I/O, CPU and sweep cells: one child JVM per mode, each cell on a substrate of its own, "
                + (r.warmups() == 1 ? "one unmeasured warm-up crawl" : r.warmups() + " unmeasured warm-up crawls")
                + ", then the measured runs on it";
        return warm + "; start-up and chaos: a cold child JVM per run" + (r.probes().seed() == 0 ? "; cheapest first"
                : "; modes, and cells within each mode, in shuffled order: --seed " + r.probes().seed() + " repeats it");
    }

    /** How long the bench took and how busy the machine was: other work shares the cores with the crawls. */
    public static String conditions(BenchResult r) {
        String took = String.format(Locale.ROOT, "took %.0f s (--budget %s)", r.elapsedMillis() / 1000.0,
                Fmt.duration(r.budget()));
        if (r.otherCpuShare() < 0) {
            return took;
        }
        String line = String.format(Locale.ROOT, "%s; other processes used %.0f%% of the machine's CPU meanwhile", took,
                100 * r.otherCpuShare());
        return r.machineBusy() ? line + " (busy: the figures are noisy)" : line;
    }

    public static String table(Workload w, List<CellResult> cells, BenchResult r) {
        StringBuilder b = new StringBuilder();
        b.append(w.title()).append(subtitle(w, cells)).append('\n');
        Set<Cell> fastest = Analysis.fastest(cells);
        List<String[]> rows = new ArrayList<>();
        rows.add(header(w));
        List<String> notes = new ArrayList<>();
        List<String> short_ = new ArrayList<>();
        for (CellResult c : cells) {
            if (!c.ok()) {
                String why = c.skipped() ? "skipped: " + c.skipReason() : "FAILED: " + c.failure();
                rows.add(blank(w, c, c.skipped() ? "skipped" : "FAILED"));
                notes.add(c.cell().substrate().label() + " c=" + c.cell().concurrency() + extra(w, c.cell()) + ": " + why);
                continue;
            }
            String mark = (fastest.contains(c.cell()) ? "*" : "") + (c.wideSpread() ? "~" : "");
            rows.add(row(w, c, r, mark));
            int planned = BenchRunner.plannedRuns(c.cell(), r.repeats());
            if (c.runs().size() < planned) {
                short_.add(c.cell().substrate().label() + " c=" + c.cell().concurrency() + extra(w, c.cell()) + ": "
                        + c.runs().size() + " of " + planned + " runs");
            }
            if (c.errors() > 0) {
                notes.add(c.cell().substrate().label() + " c=" + c.cell().concurrency() + extra(w, c.cell()) + ": "
                        + c.errors() + " pages failed (not eligible as fastest)");
            }
        }
        if (w == Workload.IO) {
            rows.addAll(ReferenceRows.rows(r.references(), header(w).length));
        }
        b.append(align(rows));
        long ran = cells.stream().filter(CellResult::ok).count();
        if (!short_.isEmpty()) {
            // One line when the budget cut every cell short alike, else one per cell.
            boolean alike = short_.size() == ran && short_.stream().map(x -> x.substring(x.indexOf(": ") + 2)).distinct().count() == 1;
            notes.add(0, alike ? "every cell ran " + short_.get(0).substring(short_.get(0).indexOf(": ") + 2) + ": the budget ran out"
                    : String.join("; ", short_) + ": the budget ran out");
        }
        if (w == Workload.IO) {
            notes.addAll(ReferenceRows.notes(r.references()));
        }
        if (w == Workload.IO || w == Workload.HOSTS) {
            notes.addAll(ClusterRows.notes(r, w));
        }
        for (String n : notes) {
            b.append("  ").append(n).append('\n');
        }
        if (w == Workload.IO && cells.stream().anyMatch(c -> c.ok() && c.cell().substrate() == Substrate.VIRTUAL)) {
            b.append(cells.stream().anyMatch(c -> c.pinningEvents() >= 0)
                    ? "  pinned: JFR jdk.VirtualThreadPinned events (threshold 0), most in any run; the recorder runs in every mode's crawl JVM\n"
                    : "  pinned: not recorded (the recorder is off with --quick or --no-pinning; --pinning turns it on)\n");
        }
        if (w == Workload.CHAOS) {
            b.append("  the thread-mode counterpart (heap exhaustion or an Error in one task, in every mode) is `./crawler isolate`\n");
        }
        if (w == Workload.STARTUP && !Double.isNaN(r.unitStartup().virtualMicros())) {
            UnitStartup u = r.unitStartup();
            b.append(String.format(Locale.ROOT, "  in the bench JVM, start + join of one thread (mean of %,d, after as many for warm-up): virtual %.1f us, platform %.1f us%n",
                    u.threads(), u.virtualMicros(), u.platformMicros()));
            b.append("  first page = crawl wall time of one page (thread start, cold fetch and parse); process mode: worker spawn to first result\n");
        }
        if (w == Workload.STARTUP && !r.parkedUnits().isEmpty()) {
            b.append("  in a child JVM of their own (-Xmx").append(ParkedUnits.HEAP).append(", each thread ")
                    .append(ParkedUnitsChild.DEPTH).append(" frames deep): ")
                    .append(String.join("; ", r.parkedUnits().stream().map(ParkedUnits::describe).toList())).append('\n');
        }
        return b.toString();
    }

    private static String subtitle(Workload w, List<CellResult> cells) {
        Cell any = cells.get(0).cell();
        return switch (w) {
            case IO -> any.latencyMillis() > 0 ? " (latency " + any.latencyMillis() + " ms; ideal = ceil(pages / c) x latency)" : "";
            case HOSTS -> " (" + BenchPlan.SITE_HOSTS + " hosts, latency " + any.latencyMillis()
                    + " ms; ideal = ceil(pages / c) x latency)";
            case CPU -> any.latencyMillis() < 0 ? " (" + any.cpuWork() + " SHA-256 rounds per page)"
                    : " (" + any.pages() + " pages, " + any.cpuWork() + " SHA-256 rounds each)";
            case LATENCY -> " (c=" + any.concurrency() + ", " + any.pages() + " pages)";
            case BATCH -> " (" + any.shape() + ", " + any.pages() + " pages)";
            case STARTUP -> "";
            case CHAOS -> " (latency " + any.latencyMillis() + " ms; the URL set is checked against the site's ground truth)";
        };
    }

    private static String extra(Workload w, Cell c) {
        return switch (w) {
            case LATENCY -> " latency " + c.latencyMillis() + " ms";
            case BATCH -> " batch " + c.batchSize();
            case CHAOS -> " kill every " + c.killWorkerEvery();
            default -> "";
        };
    }

    private static String[] header(Workload w) {
        return switch (w) {
            case IO, HOSTS, LATENCY, BATCH -> new String[] {"mode", "c", "shape", w == Workload.LATENCY ? "lat ms" : "batch", "pages",
                    "wall s", "pages/s", "effic.", "in flight", "cpu s", "PSS MB", "RSS MB", "threads", "ctx sw", "pinned", "err", ""};
            case CPU -> new String[] {"mode", "units", "shape", "pages", "wall s", "pages/s", "speed-up", "in flight", "cpu s",
                    "PSS MB", "threads", "pinned", "err", ""};
            case STARTUP -> new String[] {"mode", "first page ms", "worker hello ms", "PSS MB", "threads", ""};
            case CHAOS -> new String[] {"mode", "c", "shape", "pages", "kill every", "wall s", "in flight", "worker deaths",
                    "URLs re-handed", "worker starts", "URL set", "err", ""};
        };
    }

    private static String[] blank(Workload w, CellResult c, String what) {
        String[] h = header(w);
        String[] row = new String[h.length];
        java.util.Arrays.fill(row, "");
        row[0] = c.cell().substrate().label();
        if (w != Workload.STARTUP) {
            row[1] = Integer.toString(c.cell().concurrency());
            row[2] = c.cell().shape();
        }
        row[h.length - 1] = what;
        return row;
    }

    private static String[] row(Workload w, CellResult c, BenchResult r, String mark) {
        Cell cell = c.cell();
        boolean m = c.measuredUsage();
        return switch (w) {
            case IO, HOSTS, LATENCY, BATCH -> new String[] {cell.substrate().label(), Integer.toString(cell.concurrency()), cell.shape(),
                    Long.toString(w == Workload.LATENCY ? cell.latencyMillis() : cell.batchSize()), Long.toString(c.pages()),
                    Fmt.secondsRange(c.wallMillis()), Fmt.rate(c.pagesPerSecond().median()), Fmt.ratio(c.efficiency()),
                    inFlight(c), m ? Fmt.seconds(c.cpuMillis().median()) : "-", m ? Fmt.mb(c.peakPssKb().median()) : "-",
                    m ? Fmt.mb(c.peakRssKb().median()) : "-", m ? Fmt.count(c.peakThreads().median()) : "-",
                    m ? Fmt.count(c.contextSwitches().median()) : "-", pinning(c), Long.toString(c.errors()), mark};
            case CPU -> new String[] {cell.substrate().label(), Integer.toString(cell.concurrency()), cell.shape(),
                    Long.toString(c.pages()), Fmt.secondsRange(c.wallMillis()), Fmt.rate(c.pagesPerSecond().median()),
                    Fmt.ratio(Analysis.speedup(c, r.cells())) + "x", inFlight(c), m ? Fmt.seconds(c.cpuMillis().median()) : "-",
                    m ? Fmt.mb(c.peakPssKb().median()) : "-", m ? Fmt.count(c.peakThreads().median()) : "-",
                    pinning(c), Long.toString(c.errors()), mark};
            case STARTUP -> new String[] {cell.substrate().label(), Fmt.integer(Math.round(Analysis.firstPageMillis(c).median())),
                    c.workerStartupMillis() == null ? "-" : Fmt.integer(Math.round(c.workerStartupMillis().median())),
                    m ? Fmt.mb(c.peakPssKb().median()) : "-", m ? Fmt.count(c.peakThreads().median()) : "-", mark};
            case CHAOS -> new String[] {cell.substrate().label(), Integer.toString(cell.concurrency()), cell.shape(),
                    Long.toString(c.pages()), Integer.toString(cell.killWorkerEvery()), Fmt.secondsRange(c.wallMillis()),
                    inFlight(c), Integer.toString(c.workerDeaths()), Long.toString(c.requeued()), Integer.toString(workerStarts(c)),
                    r.target().equals(BenchResult.FIXTURE_SITE) ? "= truth" : "same", Long.toString(c.errors()), mark};
        };
    }

    /** The most requests the site held at once (median over runs); "-" where the site did not count them. */
    public static String inFlight(CellResult c) {
        Stat s = c.peakInFlight();
        return s == null ? "-" : Fmt.integer(Math.round(s.median()));
    }

    /** Worker starts (first starts and restarts) of the run with the most. */
    public static int workerStarts(CellResult c) {
        return c.runs().stream().mapToInt(x -> x.workerStartupMillis().size()).max().orElse(0);
    }

    /** Left-aligns the first column and the last, right-aligns the numbers between. */
    public static String align(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                boolean left = i == 0 || i == cols - 1;
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(left ? cell + pad : pad + cell);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
