package crawler.bench.run;

import crawler.bench.probe.ProcFs;
import crawler.bench.probe.ProcessTreeProbe;
import crawler.bench.probe.TreeUsage;

import crawler.fixtures.FixtureServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One crawl by a whole program (wget2, or this project's launcher) against a fixture site served
 * in this JVM, measured from outside as a user would time it: spawn to exit. CPU is the exact
 * user + system time of the program's whole tree, from this JVM's waited-for children
 * ({@link ProcFs#childrenTicks}); memory, threads and context switches come from the
 * process-tree probe; requests in flight, the busy span and the paths asked for come from the
 * site. A program still running at its time limit is killed with everything below it.
 *
 * <p><b>Thread-safety:</b> one run at a time per site, and no other child of this JVM may end
 * during a run (its CPU would be counted).
 */
public final class WholeProcessRun {

    /**
     * What one run measured.
     *
     * @param exitCode         the program's exit status; -1 when it was killed at the time limit
     * @param wallMillis       spawn to exit
     * @param cpuMillis        user + system CPU of the program and every process below it; -1 unknown
     * @param usage            what the process-tree probe saw (peak PSS and RSS summed over the tree)
     * @param peakInFlight     the most requests the site held at once
     * @param serverBusyMillis first request read to last response started, at the site
     * @param requests         requests the site served
     * @param requestedPaths   canonical path and query of every distinct request
     * @param lastLogLine      what the program said last (stdout and stderr together)
     */
    public record Measured(int exitCode, long wallMillis, long cpuMillis, TreeUsage usage, int peakInFlight,
                    long serverBusyMillis, long requests, Set<String> requestedPaths, String lastLogLine) {
        public Measured {
            requestedPaths = Set.copyOf(requestedPaths);
        }

        public boolean timedOut() {
            return exitCode == -1;
        }
    }

    private final ProcFs proc;
    private final Duration probeInterval;

    public WholeProcessRun(ProcFs proc, Duration probeInterval) {
        this.proc = proc;
        this.probeInterval = probeInterval;
    }

    public static WholeProcessRun ofThisJvm() {
        return new WholeProcessRun(ProcFs.system(), Duration.ofMillis(50));
    }

    /**
     * Runs {@code command} in {@code dir} against {@code site} (its counters are reset first) for
     * at most {@code limit}.
     *
     * @param log where the program's output goes
     */
    public Measured run(List<String> command, Path dir, Path log, FixtureServer site, Duration limit)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        site.resetCounters();
        long ticksBefore = proc.childrenTicks();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread reaper = ChildCrawl.addReaper(p);
        ProcessTreeProbe probe = proc.available() ? ProcessTreeProbe.start(proc, p.toHandle(), probeInterval) : null;
        boolean exited;
        try {
            exited = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            ChildCrawl.stop(p, reaper);
        }
        long wall = (System.nanoTime() - t0) / 1_000_000;
        TreeUsage usage = probe == null ? TreeUsage.NOT_MEASURED : probe.finish();
        long ticksAfter = proc.childrenTicks();
        long cpu = ticksBefore < 0 || ticksAfter < 0 ? usage.cpuMillis() : (ticksAfter - ticksBefore) * 1000 / ProcFs.CLOCK_TICKS;
        return new Measured(exited ? p.exitValue() : -1, wall, cpu, usage, site.inFlight().peak(),
                site.inFlight().busySpan().toMillis(), site.totalRequests(), site.requestedPaths(), ChildCrawl.lastLine(log));
    }
}
