package crawler.bench.render;

import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.run.Reference;
import crawler.bench.judge.Analysis;
import crawler.bench.judge.JudgedBench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable result ({@code --json}, {@code results.json}): machine facts, one row
 * per run (as in the CSV), one summary per cell, and the verdicts. A pure function.
 */
public final class JsonReport {

    private JsonReport() {
    }

    /** A reference row: what it is, and what it measured or why it was not run. */
    public static Map<String, Object> reference(Reference ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", ref.tool());
        m.put("concurrency", ref.concurrency());
        switch (ref) {
            case Reference.NotRun n -> {
                m.put("status", "not run");
                m.put("reason", n.why());
            }
            case Reference.Measured x -> {
                m.put("status", x.ok() ? "ok" : "failed");
                m.put("reason", x.failure());
                m.put("version", x.version());
                m.put("command", x.command());
                m.put("latencyMillis", x.latencyMillis());
                m.put("levels", x.levels());
                m.put("exitCode", x.run().exitCode());
                m.put("wallMillis", x.run().wallMillis());
                m.put("cpuMillis", x.run().cpuMillis());
                m.put("peakPssKb", x.run().usage().peakPssKb());
                m.put("peakRssKb", x.run().usage().peakRssKb());
                m.put("peakThreads", x.run().usage().peakThreads());
                m.put("peakInFlight", x.run().peakInFlight());
                m.put("serverBusyMillis", x.run().serverBusyMillis());
                m.put("requests", x.run().requests());
                m.put("pages", x.pages());
                m.put("pagesPerSecond", Math.round(x.pagesPerSecond() * 10) / 10.0);
                m.put("efficiency", Double.isNaN(x.efficiency()) ? null : Math.round(x.efficiency() * 1000) / 1000.0);
                m.put("urlSetEqualsGroundTruth", x.urls().matches());
                m.put("urlSet", x.urls().describe());
                m.put("missing", x.urls().missing().size());
                m.put("extra", x.urls().extra().size());
            }
        }
        return m;
    }

    public static String render(JudgedBench judged) {
        BenchResult r = judged.result();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", r.machine());
        doc.put("target", r.target());
        doc.put("repeats", r.repeats());
        doc.put("warmups", r.warmups());
        doc.put("budgetSeconds", r.budget().toSeconds());
        doc.put("elapsedMillis", r.elapsedMillis());
        doc.put("otherCpuShare", r.otherCpuShare());
        doc.put("unitStartup", r.unitStartup());
        doc.put("parkedUnits", r.parkedUnits());
        r.ceilingPagesPerSecond().ifPresent(c -> doc.put("ceilingPagesPerSecond", Math.round(c * 10) / 10.0));
        List<Map<String, Object>> cells = new ArrayList<>();
        java.util.Set<Cell> fastest = new java.util.HashSet<>();
        for (Workload w : Workload.values()) {
            fastest.addAll(Analysis.fastest(r.cells(w)));
        }
        for (CellResult c : r.cells()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", c.cell().key());
            m.put("workload", c.cell().workload().label());
            m.put("mode", c.cell().substrate().label());
            m.put("concurrency", c.cell().concurrency());
            m.put("shape", c.cell().shape());
            m.put("status", c.skipped() ? "skipped" : c.ok() ? "ok" : "failed");
            m.put("reason", c.skipped() ? c.skipReason() : c.failure());
            if (c.ok()) {
                m.put("wallMillis", c.wallMillis());
                m.put("pagesPerSecond", c.pagesPerSecond());
                m.put("efficiency", Double.isNaN(c.efficiency()) ? null : c.efficiency());
                m.put("errors", c.errors());
                m.put("wideSpread", c.wideSpread());
                m.put("fastest", fastest.contains(c.cell()));
                if (c.measuredUsage()) {
                    m.put("cpuMillis", c.cpuMillis());
                    m.put("peakPssKb", c.peakPssKb());
                    m.put("peakRssKb", c.peakRssKb());
                    m.put("peakThreads", c.peakThreads());
                    m.put("contextSwitches", c.contextSwitches());
                }
                m.put("peakInFlight", c.peakInFlight());
                m.put("workerStartupMillis", c.workerStartupMillis());
                m.put("workerFirstResultMillis", c.workerFirstResultMillis());
                m.put("runs", c.runs().size());
                m.put("pinningEvents", c.cell().substrate() == Substrate.VIRTUAL && c.pinningEvents() >= 0 ? c.pinningEvents() : null);
                if (c.cell().workload() == Workload.CHAOS) {
                    m.put("killWorkerEvery", c.cell().killWorkerEvery());
                    m.put("workerDeaths", c.workerDeaths());
                    m.put("requeued", c.requeued());
                    m.put("urlSetEqualsGroundTruth", true);
                }
            }
            cells.add(m);
        }
        doc.put("cells", cells);
        doc.put("references", r.references().stream().map(JsonReport::reference).toList());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("commit", r.provenance().commit());
        provenance.put("jvmOptions", r.provenance().jvmOptions());
        provenance.put("startedAt", r.provenance().startedAt().toString());
        provenance.put("host", r.provenance().host());
        provenance.put("seed", r.probes().seed());
        doc.put("provenance", provenance);
        doc.put("handOffs", r.probes().handOffs().stream().map(h -> Map.of("kind", h.kind(), "microsPerHandOff", h.perHandOffMicros(),
                "handOffsPerRound", h.handOffs())).toList());
        if (r.probes().cpu() != null) {
            doc.put("cpuScaling", r.probes().cpu());
        }
        if (r.probes().threadFault() != null) {
            doc.put("threadFault", r.probes().threadFault());
        }
        doc.put("verdicts", judged.verdicts());
        doc.put("runs", RawRows.of(r));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bench result not serialisable", e);
        }
    }
}
