package crawler.bench.run;

import crawler.bench.plan.BenchConfig;
import crawler.bench.plan.Workload;
import crawler.bench.probe.CpuScaling;
import crawler.bench.probe.HandOff;
import crawler.bench.probe.IsolationScenario;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.probe.ProcFs;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the bench measures besides its crawls, each in child JVMs of its own: parked threads (claims
 * 2 and 7), the price of a hand-off between two units (claim 7), CPU-bound scaling (claim 5), the
 * thread-mode half of claim 8,
 * and the options every measured child JVM gets. Each probe that cannot run says so in one line and
 * lets the bench go on without it.
 */
final class SideProbes {

    /**
     * Hand-offs per run, and each run's time limit: thousands of hand-offs even for a pipe, and
     * bounded, so the 3 kinds' warm-up and {@link HandOff#ROUNDS} runs each cost at most 2.4 s.
     */
    static final int HAND_OFFS = 100_000;
    static final long HAND_OFF_ROUND_MILLIS = 150;

    private final BenchConfig config;
    private final ChildCrawl child;
    private final Consumer<String> say;

    SideProbes(BenchConfig config, ChildCrawl child, Consumer<String> say) {
        this.config = config;
        this.child = child;
        this.say = say;
    }

    /**
     * Parked virtual threads as many as the I/O grid's top level, platform threads as many as
     * that or their limit; skipped with a line when it cannot run (the bench goes on without it).
     */
    List<ParkedUnits> parkedUnits() throws InterruptedException {
        int top = config.ioLevels().stream().mapToInt(Integer::intValue).max().orElse(1000);
        List<ParkedUnits> out = new ArrayList<>();
        try {
            for (boolean virtual : new boolean[] {true, false}) {
                int n = virtual ? top : Math.min(top, config.maxPlatformThreads());
                ParkedUnits p = ParkedUnits.measure(child.java(), ProcFs.system(), virtual, n);
                say.accept(p.describe());
                out.add(p);
            }
        } catch (IOException e) {
            say.accept("parked threads not measured: " + e.getMessage());
        }
        return out;
    }

    /** The options every measured child JVM gets besides its class path, as the raw rows record them. */
    List<String> childJvmOptions() {
        List<String> java = child.java();
        List<String> opts = new ArrayList<>();
        for (int i = 1; i < java.size(); i++) {
            if (java.get(i).equals("-cp")) {
                i++;
            } else {
                opts.add(java.get(i));
            }
        }
        if (config.pinning()) {
            opts.add("(+ Flight Recorder on jdk.VirtualThreadPinned)");
        }
        return opts;
    }

    /** The price of one switch between two units of each kind; empty (with a line) when it cannot run. */
    List<HandOff> handOffs() throws InterruptedException {
        try {
            List<HandOff> h = HandOff.measure(child.java(), HAND_OFFS, HAND_OFF_ROUND_MILLIS);
            say.accept("one hand-off: " + String.join(", ", h.stream().map(HandOff::describe).toList()));
            return h;
        } catch (IOException e) {
            say.accept("hand-offs not measured: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * The thread-mode half of claim 8, short: one virtual-thread crawl of 40 pages in which the
     * fifth task exhausts the 64 MiB heap it shares with every other task; null when it cannot run.
     */
    IsolationScenario.Row threadFault() throws InterruptedException {
        try {
            IsolationScenario.Config c = new IsolationScenario.Config(40, 3, 5, 64, Duration.ofSeconds(30),
                    child.workDir().resolve("thread-fault"));
            IsolationScenario.Row row = new IsolationScenario(c, new PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run(List.of(crawler.exec.Mode.VIRTUAL), List.of(IsolationScenario.Fault.OOM)).getFirst();
            say.accept("thread-mode fault: " + row.mode() + " " + row.fault() + ": " + (row.coordinatorSurvived() ? "survived" : "died")
                    + ", " + row.lost() + " of " + row.expected() + " pages lost");
            return row;
        } catch (IOException e) {
            say.accept("thread-mode fault not run: " + e.getMessage());
            return null;
        }
    }

    /**
     * CPU-bound work on the CPU workload's most units, as threads and as processes (claim 5);
     * null (with a line) when the workload is not asked for or it cannot run.
     */
    CpuScaling cpuScaling() throws InterruptedException {
        int units = config.cpuUnits().stream().mapToInt(Integer::intValue).max().orElse(1);
        if (!config.workloads().contains(Workload.CPU) || units < 2) {
            return null;
        }
        try {
            CpuScaling s = CpuScaling.measure(child.java(), units, CpuScaling.Plan.forBudget(config.budget()));
            say.accept(s.describe());
            return s;
        } catch (IOException e) {
            say.accept("CPU scaling not measured: " + e.getMessage());
            return null;
        }
    }
}
