package crawler.bench.judge;

import crawler.bench.probe.CpuScaling;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.render.Fmt;

import crawler.bench.judge.Verdict.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Claims 1, 2, 3 and 6: structural. A run shows them (pids, thread ids, separate heaps); it cannot
 * refute the JVM's process model, so their best outcome is "shown", and "not supported" means the
 * bench saw something it should not have.
 */
final class StructuralClaims {

    static final String RULE_1 = "shown when a one-thread crawl (platform, c=1) fetched every page with 1 pid and 1 thread"
            + " (without one: when the CPU probe's one-unit run did its work in 1 pid on 1 thread)";
    static final String RULE_2 = "shown when every thread-mode crawl used 1 pid and many thread ids, and parked platform"
            + " threads added one OS thread id each in /proc/<pid>/task (virtual threads: only their carriers)";
    static final String RULE_3 = "shown when every process-mode crawl fetched with one pid per worker";
    static final String RULE_6 = "shown when the process-mode tree (coordinator + worker JVMs) holds more PSS than one thread-mode JVM";

    private StructuralClaims() {
    }

    static Verdict claim1(BenchResult r) {
        String text = "ordinary code runs as one process with one thread";
        // Ordinary code is one platform thread; virtual mode starts a new virtual thread per URL even at concurrency 1.
        List<CellResult> one = r.cells().stream()
                .filter(c -> c.ok() && c.cell().concurrency() == 1 && c.cell().substrate() == Substrate.PLATFORM).toList();
        CpuScaling cpu = r.probes().cpu();
        if (one.isEmpty() && cpu != null) {
            // Without such a crawl (bench --quick), the CPU probe's one-unit run is the one thread of ordinary code.
            return new Verdict(1, text, cpu.onePids() == 1 && cpu.oneThreads() == 1 ? Outcome.SHOWN : Outcome.NOT_SUPPORTED,
                    String.format(Locale.ROOT, "one unit of CPU work (the claim 5 probe) ran in %d pid on %d thread", cpu.onePids(),
                            cpu.oneThreads()), RULE_1);
        }
        if (one.isEmpty()) {
            return new Verdict(1, text, Outcome.NOT_MEASURED, "no platform-thread crawl at concurrency 1 in this run", RULE_1);
        }
        boolean all = one.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == 1 && x.fetchThreads() == 1));
        return new Verdict(1, text, all ? Outcome.SHOWN : Outcome.NOT_SUPPORTED,
                "concurrency 1: " + Analysis.join(one, c -> c.cell().workload().label() + " " + c.cell().substrate().label() + " fetched with "
                        + c.runs().get(0).pids() + " pid, " + c.runs().get(0).fetchThreads() + " thread"), RULE_1);
    }

    static Verdict claim2(BenchResult r) {
        String text = "threads of one process share its pid and differ in thread id";
        List<CellResult> cells = new ArrayList<>();
        for (Substrate s : List.of(Substrate.PLATFORM, Substrate.VIRTUAL)) {
            r.cells(Workload.IO, s).stream().filter(c -> c.ok() && c.cell().concurrency() > 1)
                    .max(Comparator.comparingInt(c -> c.cell().concurrency())).ifPresent(cells::add);
        }
        List<ParkedUnits> parked = r.parkedUnits().stream().filter(ParkedUnits::osThreadsRead).toList();
        if (cells.isEmpty() && parked.isEmpty()) {
            return new Verdict(2, text, Outcome.NOT_MEASURED, "no thread-mode I/O cell above concurrency 1", RULE_2);
        }
        boolean crawls = cells.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == 1 && x.fetchThreads() > 1));
        // Each platform thread is an OS thread; a missing tenth allows for JVM threads that ended meanwhile.
        boolean os = parked.stream().filter(p -> p.kind().equals("platform")).allMatch(p -> p.osThreadsDelta() >= 0.9 * p.parked());
        List<String> parts = new ArrayList<>();
        if (!cells.isEmpty()) {
            parts.add(Analysis.join(cells, c -> String.format(Locale.ROOT, "%s c=%d: %d pid, %s distinct Java thread ids",
                    c.cell().substrate().label(), c.cell().concurrency(), c.runs().get(0).pids(),
                    Fmt.integer(c.runs().get(0).fetchThreads()))));
        }
        for (ParkedUnits p : parked) {
            parts.add(p.kind().equals("virtual")
                    ? String.format(Locale.ROOT, "%s virtual threads parked in 1 pid: +%d OS thread ids in /proc/<pid>/task, %d of them"
                            + " carriers (%s-*) that ran them", Fmt.integer(p.parked()), p.osThreadsDelta(), p.carrierThreads(),
                            ParkedUnits.CARRIER_PREFIX)
                    : String.format(Locale.ROOT, "%s platform threads parked in 1 pid: +%s OS thread ids in /proc/<pid>/task",
                            Fmt.integer(p.parked()), Fmt.integer(p.osThreadsDelta())));
        }
        return new Verdict(2, text, crawls && os ? Outcome.SHOWN : Outcome.NOT_SUPPORTED, String.join("; ", parts), RULE_2);
    }

    static Verdict claim3(BenchResult r) {
        String text = "worker processes have different pids";
        // The chaos crawl replaces the workers it kills, so it sees more pids than workers by design.
        List<CellResult> cells = r.cells().stream()
                .filter(c -> c.ok() && c.cell().workers() > 1 && c.cell().workload() != Workload.CHAOS).toList();
        if (cells.isEmpty()) {
            return new Verdict(3, text, Outcome.NOT_MEASURED, "no process-mode cell with two or more workers", RULE_3);
        }
        boolean all = cells.stream().allMatch(c -> c.runs().stream().allMatch(x -> x.pids() == c.cell().workers()));
        CellResult shown = cells.stream().max(Comparator.comparingInt(c -> c.cell().workers())).orElseThrow();
        return new Verdict(3, text, all ? Outcome.SHOWN : Outcome.NOT_SUPPORTED,
                String.format(Locale.ROOT, "%d process-mode cells, each run fetched with one pid per worker%s; e.g. %s %s: %d pids",
                        cells.size(), all ? "" : " (NOT in every run)", shown.cell().substrate().label(), shown.cell().shape(),
                        shown.runs().get(0).pids()), RULE_3);
    }

    static Verdict claim6(BenchResult r) {
        String text = "threads share one memory; processes each have their own";
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS);
        if (proc.isEmpty() || !proc.get().measuredUsage()) {
            return new Verdict(6, text, Outcome.NOT_MEASURED, "no clean process-mode I/O cell with memory figures (they need Linux /proc)", RULE_6);
        }
        int c = proc.get().cell().concurrency();
        Optional<CellResult> thread = memoryPartner(r, c);
        if (thread.isEmpty() || !thread.get().measuredUsage()) {
            return new Verdict(6, text, Outcome.NOT_MEASURED, "no measured thread-mode I/O cell at c=" + c, RULE_6);
        }
        CellResult p = proc.get();
        CellResult t = thread.get();
        double extraPerWorker = (p.peakPssKb().median() - t.peakPssKb().median()) / p.cell().workers();
        Outcome o = p.peakPssKb().median() > t.peakPssKb().median() ? Outcome.SHOWN : Outcome.NOT_SUPPORTED;
        return new Verdict(6, text, o, String.format(Locale.ROOT,
                "c=%d: %s (1 JVM) %s MB PSS vs process %s (coordinator + %d JVMs) %s MB PSS (RSS %s MB): %s more per worker JVM",
                c, t.cell().substrate().label(), Fmt.mb(t.peakPssKb().median()), p.cell().shape(), p.cell().workers(),
                Fmt.mb(p.peakPssKb().median()), Fmt.mb(p.peakRssKb().median()), Fmt.size(extraPerWorker)), RULE_6);
    }

    /**
     * The thread-mode cell a process-mode cell's memory is compared with, in claims 6 and 7 alike:
     * platform threads at the same concurrency (worker JVMs fetch on platform threads too, so the
     * difference is the JVMs), else virtual threads.
     */
    static Optional<CellResult> memoryPartner(BenchResult r, int c) {
        return Analysis.at(r, Workload.IO, Substrate.PLATFORM, c).or(() -> Analysis.at(r, Workload.IO, Substrate.VIRTUAL, c));
    }

}
