package crawler.bench.probe;

import crawler.bench.judge.Stat;
import crawler.bench.judge.Verdicts;
import crawler.bench.render.Fmt;
import crawler.bench.run.ChildCrawl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Whether CPU-bound work scales with threads as it does with processes (claim 5), measured apart
 * from any crawl: no network, no coordinator, no fixture server on the cores, only
 * {@link CpuUnitChild} JVMs doing the crawl's per-page hash work. One JVM does the one-unit run and
 * the {@code units}-thread run; {@code units} one-thread JVMs (that one among them) do the
 * process run at once. Every JVM is warm before anything is timed, and every unit gets the same
 * work, calibrated to about {@code unitMillis} on one thread.
 *
 * <p>Each round makes the three runs in a rotated order ({@link #order}), and a run's speed-up is
 * its round's one-unit time over its own: a burst of other load on a shared machine slows a whole
 * round rather than one mode's runs, and the ratio within the round cancels most of it.
 *
 * @param units        units of concurrency of the scaled runs
 * @param rounds       rounds measured, each a one-unit, a threads and a processes run
 * @param unitMillis   work per unit per run, as calibrated on one warm thread
 * @param oneUnitMillis wall time of the one-unit runs
 * @param threads      speed-up per round of {@code units} threads in one JVM
 * @param processes    speed-up per round of {@code units} one-thread JVMs
 * @param onePids      pids that did the work of a one-unit run (claim 1: one)
 * @param oneThreads   threads that did the work of a one-unit run (claim 1: one)
 */
public record CpuScaling(int units, int rounds, long unitMillis, Stat oneUnitMillis, Stat threads, Stat processes, int onePids, int oneThreads) {

    /** The three runs of a round. */
    public static final List<String> RUNS = List.of("one", "threads", "processes");

    public CpuScaling {
        Objects.requireNonNull(oneUnitMillis, "oneUnitMillis");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(processes, "processes");
        if (units < 2) {
            throw new IllegalArgumentException("units must be >= 2, was " + units);
        }
    }

    /**
     * How much to measure within a bench's budget: a quick bench (one minute or less) 3 rounds of
     * about 1 s per unit (9 s of runs), a longer one 5 rounds of 2 s (30 s).
     */
    public record Plan(int rounds, long unitMillis) {
        public static Plan forBudget(Duration budget) {
            return budget.compareTo(Duration.ofSeconds(60)) <= 0 ? new Plan(3, 1_000) : new Plan(5, 2_000);
        }
    }

    /** The runs of round {@code round} (from 0): {@link #RUNS} rotated by the round, so each run leads in turn. */
    public static List<String> order(int round) {
        return Rounds.rotated(RUNS, round);
    }

    /** One line for the report. */
    public String describe() {
        return String.format(Locale.ROOT, "CPU work, %d units of %.1f s each: threads %sx, processes %sx over one unit",
                units, unitMillis / 1000.0, Verdicts.spread(threads, Fmt::ratio), Verdicts.spread(processes, Fmt::ratio));
    }

    /**
     * Measures with {@code units} child JVMs.
     *
     * @param javaCommand {@code java} and the class path, as for every child of the bench
     */
    public static CpuScaling measure(List<String> javaCommand, int units, Plan plan) throws IOException, InterruptedException {
        List<Unit> jvms = new CopyOnWriteArrayList<>();
        // A child that stops answering must not hold the bench past its budget: past a generous
        // bound every unit is killed, its pipe ends, and the probe fails with a line instead.
        long boundMillis = 30_000 + 4L * plan.rounds() * RUNS.size() * units * plan.unitMillis();
        Thread deadline = Thread.ofVirtual().name("cpu-probe-deadline").start(() -> {
            try {
                Thread.sleep(boundMillis);
            } catch (InterruptedException done) {
                return;
            }
            jvms.forEach(u -> ChildCrawl.killTree(u.process));
        });
        try {
            for (int i = 0; i < units; i++) {
                List<String> cmd = new ArrayList<>(javaCommand);
                cmd.add(CpuUnitChild.class.getName());
                jvms.add(new Unit(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start()));
            }
            Unit first = jvms.getFirst();
            int rounds = Integer.parseInt(first.ask("calibrate " + plan.unitMillis(), "rounds")[1]);
            for (Unit u : jvms.subList(1, jvms.size())) {
                u.ask("warm 500", "warm");
            }
            List<Double> one = new ArrayList<>();
            List<Double> threads = new ArrayList<>();
            List<Double> processes = new ArrayList<>();
            Set<String> onePids = new HashSet<>();
            int oneThreads = 0;
            for (int r = 0; r < plan.rounds(); r++) {
                double oneMillis = 0;
                double threadMillis = 0;
                double processMillis = 0;
                for (String run : order(r)) {
                    long t0 = System.nanoTime();
                    switch (run) {
                        case "one" -> {
                            String[] done = first.ask("run 1 " + rounds, "done");
                            onePids.add(done[1]);
                            oneThreads = Math.max(oneThreads, Integer.parseInt(done[2]));
                        }
                        case "threads" -> first.ask("run " + units + " " + rounds, "done");
                        default -> {
                            for (Unit u : jvms) {
                                u.send("run 1 " + rounds);
                            }
                            for (Unit u : jvms) {
                                u.answer("done");
                            }
                        }
                    }
                    double millis = (System.nanoTime() - t0) / 1e6;
                    switch (run) {
                        case "one" -> oneMillis = millis;
                        case "threads" -> threadMillis = millis;
                        default -> processMillis = millis;
                    }
                }
                one.add(oneMillis);
                threads.add(speedUp(units, oneMillis, threadMillis));
                processes.add(speedUp(units, oneMillis, processMillis));
            }
            return new CpuScaling(units, plan.rounds(), Math.round(Stat.of(one).median()), Stat.of(one), Stat.of(threads), Stat.of(processes),
                    onePids.size(), oneThreads);
        } finally {
            deadline.interrupt();
            boolean interrupted = false;
            for (Unit u : jvms) { // every unit, even when closing one is interrupted
                try {
                    u.close();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Work per unit of time against one unit's: a scaled run does {@code units} times the one-unit
     * run's work, so {@code units} units that finish in the one unit's time are a speed-up of {@code units}.
     */
    static double speedUp(int units, double oneMillis, double scaledMillis) {
        return units * oneMillis / scaledMillis;
    }

    /** One child JVM and its two pipes. */
    private static final class Unit {
        private final Process process;
        private final Thread reaper;
        private final PrintStream to;
        private final BufferedReader from;

        Unit(Process process) {
            this.process = process;
            this.reaper = ChildCrawl.addReaper(process);
            this.to = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void send(String line) {
            to.println(line);
        }

        String[] answer(String expected) throws IOException {
            String line = from.readLine();
            if (line == null || !line.startsWith(expected + " ") && !line.equals(expected)) {
                throw new IOException("the CPU unit (pid " + process.pid() + ") said " + (line == null ? "nothing" : "'" + line + "'")
                        + ", expected " + expected);
            }
            return line.split(" ");
        }

        String[] ask(String line, String expected) throws IOException {
            send(line);
            return answer(expected);
        }

        void close() throws InterruptedException {
            to.close();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } finally {
                ChildCrawl.stop(process, reaper); // destroys before it waits, so an interrupt still ends the child
            }
        }
    }
}
