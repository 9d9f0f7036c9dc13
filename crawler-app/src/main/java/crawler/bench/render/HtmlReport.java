package crawler.bench.render;

import crawler.bench.plan.BenchPlan;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.run.Reference;
import crawler.bench.run.Wget2;
import crawler.bench.probe.UnitStartup;
import crawler.bench.judge.Analysis;
import crawler.bench.judge.JudgedBench;
import crawler.bench.judge.Stat;
import crawler.bench.judge.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML report: charts as inline SVG (no script, no network), the tables,
 * the verdicts. A pure function of a {@link BenchResult}.
 */
public final class HtmlReport {

    public static final Map<Substrate, String> COLORS = Map.of(Substrate.VIRTUAL, "#1b9e77", Substrate.PLATFORM, "#d95f02",
            Substrate.PROCESS, "#7570b3", Substrate.PROCESS_1T, "#e7298a", Substrate.CLUSTER, "#66a61e",
            Substrate.CLUSTER_2M, "#1f78b4");

    /** The reference crawler's line: a colour no mode uses. */
    public static final String REFERENCE_COLOR = "#a6761d";

    private HtmlReport() {
    }

    public static String render(JudgedBench judged) {
        BenchResult r = judged.result();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>crawlbench: threads versus processes</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1180px;margin:1em auto;padding:0 1em;color:#222}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #ddd}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}")
                // One claim per block: its words on the left, its chart beside them at full size, so
                // the chart's axes and error bars read as well as the overview charts'.
                .append(".claim{display:grid;grid-template-columns:minmax(0,1fr) ").append(SvgChart.W).append("px;gap:16px;align-items:start;")
                .append("border:1px solid #ccc;border-radius:4px;padding:10px 12px;margin:10px 0}.claim h3{margin:.1em 0 .4em;font-size:17px}")
                .append(".claim .label{display:inline-block;padding:1px 8px;border-radius:3px;background:#fff;border:1px solid #aaa;margin-right:6px}")
                .append(".claim p{margin:.3em 0}.claim p.rule{font-size:12px;color:#555}.claim svg{display:block;border:1px solid #ddd;background:#fff}")
                .append(".supported{background:#e6f4ea}.not-supported{background:#fde8e8}.mixed{background:#fff4d6}.shown{background:#e8eef8}")
                .append(".no-difference{background:#f1f1e4}.not-measured{background:#eee}")
                .append("pre{background:#f7f7f7;padding:.6em;overflow-x:auto;font-size:12px}</style></head><body>\n");
        b.append("<h1>crawlbench: threads versus processes</h1>\n<p>")
                .append(Svg.escape("Crawled the " + r.target() + " on " + r.machine().describe() + "; " + r.repeats()
                        + (r.repeats() == 1 ? " run" : " runs") + " per cell, median with min-max. " + TextReport.conditions(r) + ". " + TextReport.method(r) + "."))
                .append("</p>\n");
        b.append("<p>Raw rows: <a href=\"results.csv\">results.csv</a>, <a href=\"results.json\">results.json</a>.</p>\n");
        b.append("<h2>The seed's claims</h2>\n");
        Map<Integer, SvgChart> claimCharts = ClaimCharts.of(r);
        for (Verdict v : judged.verdicts()) {
            b.append("<section class=\"claim ").append(v.outcome().label().replace(' ', '-')).append("\" id=\"claim-").append(v.claim())
                    .append("\"><div><h3>").append(v.claim()).append(". <span class=\"label\">").append(v.outcome().label())
                    .append("</span>").append(Svg.escape(v.text())).append("</h3><p>").append(Svg.escape(v.evidence()))
                    .append("</p><p class=\"rule\">Rule: ").append(Svg.escape(v.rule())).append("</p></div>")
                    .append(claimCharts.get(v.claim()).svg()).append("</section>\n");
        }
        b.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        for (SvgChart c : charts(r)) {
            b.append(c.svg()).append('\n');
        }
        b.append("</div>\n<h2>Tables</h2>\n");
        for (Workload w : Workload.values()) {
            if (!r.cells(w).isEmpty()) {
                b.append("<h3>").append(Svg.escape(w.title())).append("</h3>\n<pre>")
                        .append(Svg.escape(TextReport.table(w, r.cells(w), r))).append("</pre>\n");
            }
        }
        b.append("<p>Memory is peak PSS summed over the crawl's process tree (coordinator and workers), sampled from /proc every 50 ms;"
                + " RSS beside it counts shared pages once per process. CPU is user + system time of the tree. Wall time runs from the"
                + " first URL handed out to the last result; worker start-up is shown apart. Ideal time = ceil(pages / concurrency) x"
                + " latency; efficiency = ideal / wall. In flight is the most requests the fixture site held at once (robots.txt included), counted by"
                + " the site. A wget2 line and row, when present, are a native C crawler on the same site (a reference, timed as a"
                + " whole process). Raw rows: results.csv, results.json.</p>\n");
        return b.append("</body></html>\n").toString();
    }

    /**
     * A line per mode over the clean cells of {@code w} that {@code keep} admits: {@code y}
     * against the concurrency; modes without such cells get none.
     */
    private static List<SvgChart.Series> perMode(BenchResult r, Workload w, java.util.function.Predicate<CellResult> keep,
                                                 java.util.function.ToDoubleFunction<CellResult> y) {
        List<SvgChart.Series> out = new ArrayList<>();
        for (Substrate s : Substrate.values()) {
            List<double[]> pts = r.cells(w, s).stream().filter(c -> c.ok() && keep.test(c))
                    .map(c -> new double[] {c.cell().concurrency(), y.applyAsDouble(c)}).toList();
            if (!pts.isEmpty()) {
                out.add(new SvgChart.Series(s.label(), COLORS.get(s), pts));
            }
        }
        return out;
    }

    public static List<SvgChart> charts(BenchResult r) {
        List<SvgChart> charts = new ArrayList<>();
        List<SvgChart.Series> tput = new ArrayList<>(perMode(r, Workload.IO, c -> true, c -> c.pagesPerSecond().median()));
        List<SvgChart.Series> mem = perMode(r, Workload.IO, CellResult::measuredUsage, c -> c.peakPssKb().median() / 1024);
        List<double[]> reference = r.references().stream()
                .flatMap(x -> x instanceof Reference.Measured m && m.ok() ? java.util.stream.Stream.of(m) : java.util.stream.Stream.empty())
                .map(m -> new double[] {m.concurrency(), m.pagesPerSecond()}).toList();
        if (!reference.isEmpty()) {
            tput.add(new SvgChart.Series(Wget2.NAME + " (native C)", REFERENCE_COLOR, reference));
        }
        List<CellResult> io = r.cells(Workload.IO).stream().filter(CellResult::ok).toList();
        if (!io.isEmpty() && io.get(0).cell().hasIdealTime()) {
            long latency = io.get(0).cell().latencyMillis();
            List<double[]> ideal = io.stream().mapToInt(c -> c.cell().concurrency()).distinct().sorted()
                    .mapToObj(c -> new double[] {c, c * 1000.0 / latency}).toList();
            tput.add(new SvgChart.Series("ideal c/L", "#888", ideal));
            r.ceilingPagesPerSecond().ifPresent(ceil -> tput.add(new SvgChart.Series("best measured", "#c00",
                    List.of(new double[] {ideal.get(0)[0], ceil}, new double[] {ideal.get(ideal.size() - 1)[0], ceil}))));
        }
        String lat = io.isEmpty() ? "" : " (latency " + io.get(0).cell().latencyMillis() + " ms)";
        charts.add(SvgChart.lines("I/O-bound throughput" + lat, "concurrency", "pages/s", true, true, tput));
        charts.add(SvgChart.lines("Peak memory, I/O-bound", "concurrency", "peak PSS MB", true, false, mem));
        List<SvgChart.Series> hosts = perMode(r, Workload.HOSTS, c -> true, c -> c.pagesPerSecond().median());
        if (!hosts.isEmpty()) {
            charts.add(SvgChart.lines("Many hosts (" + BenchPlan.SITE_HOSTS + "): throughput", "concurrency", "pages/s", true,
                    true, hosts));
        }
        List<SvgChart.Series> speed = new ArrayList<>();
        int maxUnits = 1;
        for (Substrate s : Substrate.values()) {
            List<CellResult> cells = r.cells(Workload.CPU, s).stream().filter(CellResult::ok).toList();
            List<double[]> pts = cells.stream().map(c -> new double[] {c.cell().concurrency(), Analysis.speedup(c, r.cells())}).toList();
            if (!pts.isEmpty()) {
                speed.add(new SvgChart.Series(s.label(), COLORS.get(s), pts));
                maxUnits = Math.max(maxUnits, cells.stream().mapToInt(c -> c.cell().concurrency()).max().orElse(1));
            }
        }
        if (!speed.isEmpty()) {
            List<double[]> ideal = new ArrayList<>();
            for (int u = 1; u <= maxUnits; u *= 2) {
                ideal.add(new double[] {u, Math.min(u, r.machine().cores())});
            }
            speed.add(new SvgChart.Series("ideal (" + r.machine().cores() + " cores)", "#888", ideal));
        }
        if (!speed.isEmpty()) {
            // Without CPU-bound crawl cells (bench --quick) claim 5's chart shows the CPU probe alone.
            charts.add(SvgChart.lines("CPU-bound speed-up over one unit", "units (threads or worker JVMs)", "speed-up", false, false, speed));
        }
        charts.add(startupChart(r));
        return charts;
    }

    private static SvgChart startupChart(BenchResult r) {
        List<String> cats = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        UnitStartup u = r.unitStartup();
        if (!Double.isNaN(u.virtualMicros())) {
            cats.add("virtual thread");
            values.add(new double[] {cats.size() - 1, u.virtualMicros() / 1000});
            cats.add("platform thread");
            values.add(new double[] {cats.size() - 1, u.platformMicros() / 1000});
        }
        Stat hello = Analysis.workerHelloMillis(r);
        if (hello != null) {
            cats.add("worker JVM hello");
            values.add(new double[] {cats.size() - 1, hello.median()});
        }
        for (CellResult c : r.cells(Workload.STARTUP)) {
            if (c.ok()) {
                cats.add(c.cell().substrate().label() + " 1st pg");
                values.add(new double[] {cats.size() - 1, Analysis.firstPageMillis(c).median()});
            }
        }
        return SvgChart.bars("Start-up cost of one unit (ms)", "milliseconds", true, cats,
                List.of(new SvgChart.Series("start (to hello / to first page)", "#4a6fa5", values)));
    }

    public static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
}
