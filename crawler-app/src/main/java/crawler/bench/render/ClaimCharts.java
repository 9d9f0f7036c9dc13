package crawler.bench.render;

import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.probe.CpuScaling;
import crawler.bench.probe.HandOff;
import crawler.bench.probe.IsolationScenario;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.judge.Analysis;
import crawler.bench.judge.Stat;
import crawler.bench.judge.Verdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One small chart per claim, drawn from the same figures its verdict reads, so a reader sees the
 * evidence beside the label: medians with min-max error bars wherever runs were repeated. A pure
 * function of a {@link BenchResult}; a claim without figures gets a chart that says so.
 */
public final class ClaimCharts {

    private ClaimCharts() {
    }

    /** Claim number (1 to 8) to its chart, in order. */
    public static Map<Integer, SvgChart> of(BenchResult r) {
        Map<Integer, SvgChart> m = new TreeMap<>();
        m.put(1, claim1(r));
        m.put(2, claim2(r));
        m.put(3, claim3(r));
        m.put(4, claim4(r));
        m.put(5, claim5(r));
        m.put(6, claim6(r));
        m.put(7, claim7(r));
        m.put(8, claim8(r));
        return m;
    }

    /** File name of a claim's chart in the output folder. */
    public static String fileName(int claim) {
        return "claim-" + claim + ".svg";
    }

    private static double[] point(double x, Stat s) {
        return new double[] {x, s.median(), s.min(), s.max()};
    }

    private static SvgChart bars(String title, String yLabel, boolean log, List<String> cats, List<double[]> values, String color) {
        return SvgChart.bars(title, yLabel, log, cats, List.of(new SvgChart.Series(title, color, values)));
    }

    private static SvgChart claim1(BenchResult r) {
        List<String> cats = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        Optional<CellResult> crawl = r.cells().stream()
                .filter(c -> c.ok() && c.cell().concurrency() == 1 && c.cell().substrate() == Substrate.PLATFORM).findFirst();
        if (crawl.isPresent()) {
            cats.add("pids");
            v.add(new double[] {0, crawl.get().runs().get(0).pids()});
            cats.add("fetch threads");
            v.add(new double[] {1, crawl.get().runs().get(0).fetchThreads()});
        } else if (r.probes().cpu() != null) {
            // As the verdict reads it: the CPU probe's one-unit run.
            cats.add("pids");
            v.add(new double[] {0, r.probes().cpu().onePids()});
            cats.add("working threads");
            v.add(new double[] {1, r.probes().cpu().oneThreads()});
        }
        return bars("1: one thread, c=1", "count", false, cats, v, "#d95f02");
    }

    private static SvgChart claim2(BenchResult r) {
        List<String> cats = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        for (ParkedUnits p : r.parkedUnits()) {
            if (p.osThreadsRead()) {
                cats.add(p.kind() + " (" + Fmt.integer(p.parked()) + ")");
                v.add(new double[] {cats.size() - 1, Math.max(p.osThreadsDelta(), 0.5)});
            }
        }
        return bars("2: OS thread ids added, 1 pid", "OS threads", true, cats, v, "#1b9e77");
    }

    private static SvgChart claim3(BenchResult r) {
        List<String> cats = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        r.cells().stream().filter(c -> c.ok() && c.cell().workers() > 1 && c.cell().workload() != Workload.CHAOS).forEach(c -> {
            cats.add(c.cell().workload().label() + " " + c.cell().shape());
            v.add(new double[] {cats.size() - 1, c.runs().get(0).pids()});
        });
        return bars("3: pids per process-mode crawl", "pids", false, cats, v, "#7570b3");
    }

    private static SvgChart claim4(BenchResult r) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (Substrate s : Substrate.values()) {
            List<double[]> pts = r.cells(Workload.IO, s).stream().filter(CellResult::ok)
                    .map(c -> point(c.cell().concurrency(), c.pagesPerSecond())).toList();
            if (!pts.isEmpty()) {
                series.add(new SvgChart.Series(s.label(), HtmlReport.COLORS.get(s), pts));
            }
        }
        List<CellResult> io = r.cells(Workload.IO).stream().filter(c -> c.ok() && c.cell().hasIdealTime()).toList();
        if (!io.isEmpty()) {
            long latency = io.get(0).cell().latencyMillis();
            List<double[]> ideal = io.stream().mapToInt(c -> c.cell().concurrency()).distinct().sorted()
                    .mapToObj(c -> new double[] {c, c * 1000.0 / latency}).toList();
            series.add(new SvgChart.Series("ideal c/L", "#888", ideal));
            Optional<Double> ceiling = r.zeroLatencyCeiling();
            ceiling.ifPresent(c -> series.add(new SvgChart.Series("ceiling x " + Verdicts.HEADROOM, "#c00",
                    List.of(new double[] {ideal.getFirst()[0], c * Verdicts.HEADROOM}, new double[] {ideal.getLast()[0], c * Verdicts.HEADROOM}))));
        }
        return SvgChart.lines("4: pages/s against c", "concurrency", "pages/s", true, true, series);
    }

    /** The CPU probe's speed-ups at 1 and N units: threads in one JVM against one-thread JVMs, with the ideal and the floor. */
    private static SvgChart claim5(BenchResult r) {
        List<SvgChart.Series> series = new ArrayList<>();
        CpuScaling s = r.probes().cpu();
        if (s != null) {
            int n = s.units();
            Stat one = new Stat(1, 1, 1);
            series.add(new SvgChart.Series("threads, 1 JVM", HtmlReport.COLORS.get(Substrate.PLATFORM),
                    List.of(point(1, one), point(n, s.threads()))));
            series.add(new SvgChart.Series("1-thread JVMs", HtmlReport.COLORS.get(Substrate.PROCESS_1T),
                    List.of(point(1, one), point(n, s.processes()))));
            int ideal = Math.min(n, r.machine().cores());
            series.add(new SvgChart.Series("ideal", "#888", List.of(new double[] {1, 1}, new double[] {n, ideal})));
            // Dark grey, not red: red is close enough to the threads' orange to read as one line.
            series.add(new SvgChart.Series("floor", "#555", List.of(new double[] {1, Verdicts.CPU_FLOOR},
                    new double[] {n, Verdicts.CPU_FLOOR * ideal})));
        }
        return SvgChart.lines("5: CPU speed-up over 1 unit", "units", "speed-up", false, false, series);
    }

    private static SvgChart claim6(BenchResult r) {
        List<String> cats = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS).filter(CellResult::measuredUsage);
        proc.ifPresent(p -> {
            for (Substrate s : List.of(Substrate.VIRTUAL, Substrate.PLATFORM, Substrate.PROCESS)) {
                Analysis.at(r, Workload.IO, s, p.cell().concurrency()).filter(CellResult::measuredUsage).ifPresent(c -> {
                    cats.add(s.label() + " c=" + c.cell().concurrency());
                    Stat pss = c.peakPssKb();
                    v.add(new double[] {cats.size() - 1, pss.median() / 1024, pss.min() / 1024, pss.max() / 1024});
                });
            }
        });
        return bars("6: peak PSS of the process tree", "MB", false, cats, v, "#4a6fa5");
    }

    private static SvgChart claim7(BenchResult r) {
        List<String> cats = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        for (HandOff h : r.probes().handOffs()) {
            cats.add(h.kind());
            v.add(point(cats.size() - 1, h.perHandOffMicros()));
        }
        return bars("7: one hand-off (switch)", "microseconds", true, cats, v, "#e7298a");
    }

    private static SvgChart claim8(BenchResult r) {
        List<String> cats = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        r.cells(Workload.CHAOS).stream().filter(c -> !c.skipped()).findFirst().ifPresent(c -> {
            cats.add("process, workers killed");
            v.add(new double[] {0, c.ok() ? 0 : Math.max(1, c.pages())});
        });
        IsolationScenario.Row t = r.probes().threadFault();
        if (t != null) {
            cats.add(t.mode() + ", heap exhausted");
            v.add(new double[] {cats.size() - 1, t.lost()});
        }
        return bars("8: pages lost to one failure", "pages lost", false, cats, v, "#a6761d");
    }
}
