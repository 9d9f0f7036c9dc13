package crawler.bench.render;

import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.run.Reference;
import crawler.bench.run.RunResult;
import crawler.bench.run.WholeProcessRun;
import crawler.bench.probe.Machine;
import crawler.bench.probe.Provenance;
import crawler.bench.probe.TreeUsage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The raw results: one row per measured run (and one per skipped cell, and one per reference
 * row: wget2), each carrying the
 * machine facts, as ordered maps for CSV and JSON alike. Pure functions.
 */
public final class RawRows {

    /** Column order of the CSV. */
    public static final List<String> COLUMNS = List.of("workload", "mode", "concurrency", "workers", "threads_per_worker",
            "batch_size", "latency_ms", "cpu_work", "pages_planned", "repeat", "status", "reason", "wall_ms", "child_ms",
            "pages", "errors", "pages_per_s", "ideal_ms", "efficiency", "cpu_ms", "peak_pss_kb", "peak_rss_kb",
            "peak_threads", "ctx_voluntary", "ctx_involuntary", "peak_processes", "pids", "fetch_threads", "peak_in_flight",
            "worker_startup_ms", "url_count", "url_set", "pinning_events", "kill_worker_every", "worker_deaths",
            "requeued", "substrate_state", "jdk_version", "jdk_vendor", "cores", "os", "os_version", "arch", "jvm_options",
            "commit", "started_at", "host");

    private RawRows() {
    }

    public static List<Map<String, Object>> of(BenchResult r) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CellResult c : r.cells()) {
            if (c.skipped()) {
                rows.add(row(r, c, null));
            } else {
                for (RunResult run : c.runs()) {
                    rows.add(row(r, c, run));
                }
            }
        }
        for (Reference ref : r.references()) {
            rows.add(reference(r, ref));
        }
        return rows;
    }

    /** A reference row (wget2): the I/O-bound columns it has, status {@code reference}, {@code failed} or {@code not-run}. */
    private static Map<String, Object> reference(BenchResult r, Reference ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", Workload.IO.label());
        m.put("mode", ref.tool());
        m.put("concurrency", ref.concurrency());
        switch (ref) {
            case Reference.NotRun n -> {
                m.put("repeat", 0);
                m.put("status", "not-run");
                m.put("reason", n.why());
            }
            case Reference.Measured x -> {
                WholeProcessRun.Measured run = x.run();
                TreeUsage u = run.usage();
                m.put("latency_ms", x.latencyMillis());
                m.put("pages_planned", x.urls().expected());
                m.put("repeat", 1);
                m.put("status", x.ok() ? "reference" : "failed");
                m.put("reason", x.ok() ? x.urls().describe() : x.failure());
                m.put("wall_ms", run.wallMillis());
                m.put("child_ms", run.wallMillis());
                m.put("pages", x.pages());
                m.put("pages_per_s", Math.round(x.pagesPerSecond() * 10) / 10.0);
                if (x.idealTime() != null) {
                    m.put("ideal_ms", x.idealTime().toMillis());
                    m.put("efficiency", Math.round(x.efficiency() * 1000) / 1000.0);
                }
                m.put("cpu_ms", run.cpuMillis());
                putTreeReadings(m, u);
                m.put("peak_in_flight", run.peakInFlight());
                m.put("url_count", x.pages());
                m.put("url_set", x.urls().brief());
            }
        }
        m.put("substrate_state", "cold");
        machine(m, r);
        return m;
    }

    /** The provenance every row carries: machine, JDK and its options, commit, start time, host. */
    private static void machine(Map<String, Object> m, BenchResult r) {
        Machine mc = r.machine();
        m.put("jdk_version", mc.jdkVersion());
        m.put("jdk_vendor", mc.jdkVendor());
        m.put("cores", mc.cores());
        m.put("os", mc.os());
        m.put("os_version", mc.osVersion());
        m.put("arch", mc.arch());
        Provenance p = r.provenance();
        m.put("jvm_options", p.jvmOptions());
        m.put("commit", p.commit());
        m.put("started_at", p.startedAt().toString());
        m.put("host", p.host());
    }

    private static Map<String, Object> row(BenchResult r, CellResult c, RunResult run) {
        Cell cell = c.cell();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", cell.workload().label());
        m.put("mode", cell.substrate().label());
        m.put("concurrency", cell.concurrency());
        m.put("workers", cell.workers());
        m.put("members", cell.substrate().members());
        // Per worker JVM, per cluster member (the share its heap is sized for), or the thread pool's.
        m.put("threads_per_worker", cell.threadsPerWorker());
        m.put("batch_size", cell.batchSize());
        m.put("latency_ms", cell.latencyMillis());
        m.put("cpu_work", cell.cpuWork());
        m.put("pages_planned", cell.pages());
        if (run == null) {
            m.put("repeat", 0);
            m.put("status", "skipped");
            m.put("reason", c.skipReason());
        } else {
            TreeUsage u = run.usage();
            m.put("repeat", run.repeat());
            m.put("status", run.failed() ? "failed" : c.ok() ? "ok" : "cell-failed");
            m.put("reason", run.failed() ? run.failure() : c.ok() ? "" : c.failure());
            m.put("wall_ms", run.wallMillis());
            m.put("child_ms", run.childMillis());
            m.put("pages", run.pages());
            m.put("errors", run.errors());
            m.put("pages_per_s", Math.round(run.pagesPerSecond() * 10) / 10.0);
            if (cell.hasIdealTime()) {
                long ideal = crawler.report.IdealTime.of(run.pages() == 0 ? cell.pages() : run.pages(), cell.concurrency(), 1,
                        java.time.Duration.ofMillis(cell.latencyMillis())).toMillis();
                m.put("ideal_ms", ideal);
                m.put("efficiency", run.wallMillis() <= 0 ? null : Math.round(ideal * 1000.0 / run.wallMillis()) / 1000.0);
            }
            m.put("cpu_ms", u.cpuMillis());
            putTreeReadings(m, u);
            m.put("pids", run.pids());
            m.put("fetch_threads", run.fetchThreads());
            m.put("peak_in_flight", run.peakInFlight() < 0 ? null : run.peakInFlight());
            m.put("worker_startup_ms", run.workerStartupMillis().stream().map(String::valueOf).collect(Collectors.joining(" ")));
            m.put("member_pages", run.memberPages().stream().map(String::valueOf).collect(Collectors.joining(" ")));
            m.put("url_count", run.urlCount());
            m.put("url_set", run.urlSetDigest());
            // "n/a" where no virtual thread fetched; empty where recording was off.
            m.put("pinning_events", cell.substrate() != Substrate.VIRTUAL ? "n/a"
                    : run.pinningEvents() < 0 ? null : run.pinningEvents());
            m.put("kill_worker_every", cell.killWorkerEvery());
            m.put("worker_deaths", run.workerDeaths());
            m.put("requeued", run.requeued());
        }
        // Warm: measured after an unmeasured warm-up crawl in the same child JVM; cold: JIT warm-up included.
        m.put("substrate_state", r.warm(cell) ? "warm" : "cold");
        machine(m, r);
        return m;
    }

    /** RFC 4180 CSV with a header line; missing values are empty. */
    public static String csv(BenchResult r) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Map<String, Object> row : of(r)) {
            List<String> cells = new ArrayList<>();
            for (String col : COLUMNS) {
                Object v = row.get(col);
                cells.add(v == null ? "" : quote(v.toString()));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** The process tree's memory, thread and context-switch readings, the same columns in every row. */
    private static void putTreeReadings(Map<String, Object> m, TreeUsage u) {
        m.put("peak_pss_kb", u.peakPssKb());
        m.put("peak_rss_kb", u.peakRssKb());
        m.put("peak_threads", u.peakThreads());
        m.put("ctx_voluntary", u.voluntarySwitches());
        m.put("ctx_involuntary", u.involuntarySwitches());
        m.put("peak_processes", u.peakProcesses());
    }
}
