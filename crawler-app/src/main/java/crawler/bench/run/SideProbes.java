package crawler.bench.run;

import crawler.bench.plan.BenchConfig;
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
 * 2 and 7), the price of a hand-off between two units (claim 7), the thread-mode half of claim 8,
 * and the options every measured child JVM gets. Each probe that cannot run says so in one line and
 * lets the bench go on without it.
 */
final class SideProbes {

    /** Hand-offs per round, and each round's time limit: bounded, so a busy machine costs at most about a second. */
    static final int HAND_OFFS = 20_000;
    static final long HAND_OFF_ROUND_MILLIS = 100;

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
}
