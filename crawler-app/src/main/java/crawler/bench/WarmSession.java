package crawler.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * Runs a cell's measured crawls back to back in one child JVM on a warm substrate
 * ({@code crawler bench-session}): the JVM starts, builds the substrate (thread pool, or worker
 * JVMs), crawls the first {@link #warmupPages} seeds once unmeasured, then the whole seed list once
 * per run. Each run waits for
 * the bench's word, and the process-tree probe takes a full reading just before and just after
 * it, so CPU time, context switches and peaks cover that crawl alone, with the substrate already
 * up. Every mode gets the same treatment: the same warm-up crawl, the same handshake.
 *
 * <p>Cold start is not lost: the start-up workload measures it, and the summary of a process-mode
 * run still reports its workers' spawn-to-hello times from the warm-up.
 *
 * <p><b>Thread-safety:</b> one session at a time per instance; a reader thread drains the child's
 * control lines.
 */
final class WarmSession {

    /** A warm-up crawl has at least this many pages (or all of them), so the hot paths get compiled. */
    static final int MIN_WARMUP_PAGES = 50;

    /**
     * Pages of the cell's warm-up crawl: enough for every unit of concurrency to fetch twice (so
     * every thread or worker has started and run the code) and for the hot paths to be compiled,
     * at most the whole seed list.
     */
    static int warmupPages(Cell cell) {
        return (int) Math.min(cell.pages(), Math.max(MIN_WARMUP_PAGES, 2L * cell.concurrency()));
    }

    /**
     * What a session did.
     *
     * @param runs        the measured runs, in order; a failed one when the child failed before its
     *                    first run; none when the bench refused the first run
     * @param setupMillis spawn to the first run's start: JVM start, substrate, warm-up crawl; -1 if never reached
     * @param exitMillis  end of the last run to the child's exit
     */
    record Outcome(List<RunResult> runs, long setupMillis, long exitMillis) {
        Outcome {
            runs = List.copyOf(runs);
        }
    }

    private final ChildCrawl child;
    private final int warmups;
    private final SiteGauge site;

    /** A session whose site's requests in flight are not counted. */
    WarmSession(ChildCrawl child, int warmups) {
        this(child, warmups, SiteGauge.NOT_MEASURED);
    }

    /**
     * @param warmups unmeasured crawls before the first measured run; 0 measures a cold
     *                substrate (still one JVM for all runs)
     * @param site    the crawled site's count of requests in flight, read around each measured run
     */
    WarmSession(ChildCrawl child, int warmups, SiteGauge site) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must be >= 0, was " + warmups);
        }
        this.child = child;
        this.warmups = warmups;
        this.site = Objects.requireNonNull(site, "site");
    }

    /**
     * Runs up to {@code runs} measured crawls of {@code seeds}, each checked against
     * {@code expected} (null: no ground truth).
     *
     * @param limit   each crawl's own time limit (the warm-up's too)
     * @param pinning run the child with Flight Recorder on {@code jdk.VirtualThreadPinned}, counted
     *                per run for virtual-thread cells
     * @param admits  asked before each run with its number; false ends the session there
     * @param onRun   told of each run as it ends (without its pinning count, known only at exit)
     */
    Outcome run(Cell cell, List<String> seeds, int depth, Set<String> expected, int runs, Duration limit,
                boolean pinning, IntPredicate admits, java.util.function.Consumer<RunResult> onRun)
            throws IOException, InterruptedException {
        Duration crawlLimit = child.capped(limit);
        Path dir = child.workDir();
        Files.createDirectories(dir);
        String stem = cell.key() + "-warm";
        Path seedFile = dir.resolve(stem + ".seeds");
        Path log = dir.resolve(stem + ".log");
        Path jfr = dir.resolve(stem + ".jfr");
        Files.write(seedFile, seeds, StandardCharsets.UTF_8);
        Files.deleteIfExists(jfr);
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command(cell, seedFile, depth, dir.resolve(stem), runs, crawlLimit,
                pinning ? jfr : null)).redirectError(log.toFile()).start();
        Thread reaper = ChildCrawl.addReaper(process);
        BlockingQueue<String> control = drain(process);
        ProcessTreeProbe probe = child.probe(process);
        List<RunResult> done = new ArrayList<>();
        List<ChildCrawl.Window> windows = new ArrayList<>();
        long setupMillis = -1;
        long lastEnd = spawned;
        String failure = null;
        try (Writer bench = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            long readyWait = (warmups + 1) * crawlLimit.toMillis() + ChildCrawl.GRACE_MILLIS;
            for (int r = 1; r <= runs; r++) {
                String line = control.poll(readyWait, TimeUnit.MILLISECONDS);
                if (!("ready " + r).equals(line)) {
                    failure = unexpected(line, "ready " + r, readyWait, log);
                    if (r > 1) {
                        // The child died between runs: this run fails, the ones before it stand.
                        done.add(ChildCrawl.failed(cell, r, failure, 0, TreeUsage.NOT_MEASURED));
                        onRun.accept(done.getLast());
                    }
                    break;
                }
                if (r == 1) {
                    setupMillis = (System.nanoTime() - spawned) / 1_000_000;
                }
                if (!admits.test(r)) {
                    bench.write("stop\n");
                    bench.flush();
                    break;
                }
                if (probe != null) {
                    probe.beginWindow();
                }
                site.startRun();
                Instant from = Instant.now();
                long t0 = System.nanoTime();
                bench.write("go\n");
                bench.flush();
                long doneWait = crawlLimit.toMillis() + ChildCrawl.GRACE_MILLIS;
                line = control.poll(doneWait, TimeUnit.MILLISECONDS);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                TreeUsage usage = probe == null ? TreeUsage.NOT_MEASURED : probe.endWindow();
                int peakInFlight = site.peakInFlight();
                lastEnd = System.nanoTime();
                if (!("done " + r).equals(line)) {
                    done.add(ChildCrawl.failed(cell, r, unexpected(line, "done " + r, doneWait, log), millis, usage));
                    onRun.accept(done.getLast());
                    break;
                }
                windows.add(new ChildCrawl.Window(from, Instant.now()));
                Path prefix = dir.resolve(stem + "-r" + r);
                RunResult result = ChildCrawl.read(cell, r, Path.of(prefix + ".summary.json"), Path.of(prefix + ".jsonl"),
                        expected, millis, usage).withPeakInFlight(peakInFlight);
                done.add(result);
                onRun.accept(result);
                readyWait = ChildCrawl.GRACE_MILLIS;
            }
        } catch (IOException brokenPipe) {
            // The child died; what it said last is in its log.
            failure = "child stopped listening: " + ChildCrawl.lastLine(log);
        } finally {
            boolean exited = process.waitFor(ChildCrawl.GRACE_MILLIS, TimeUnit.MILLISECONDS);
            ChildCrawl.stop(process, reaper);
            if (probe != null) {
                probe.finish();
            }
            if (!exited && failure == null && done.isEmpty()) {
                failure = "child did not exit; killed";
            }
        }
        long exitMillis = (System.nanoTime() - lastEnd) / 1_000_000;
        if (done.isEmpty() && failure != null) {
            RunResult f = ChildCrawl.failed(cell, 1, failure, (System.nanoTime() - spawned) / 1_000_000, TreeUsage.NOT_MEASURED);
            onRun.accept(f);
            done.add(f);
        }
        addWorkerStartups(done, Path.of(dir.resolve(stem) + "-warmup1.summary.json"));
        if (pinning && cell.substrate() == Substrate.VIRTUAL && Files.exists(jfr)) {
            // Windows belong to the runs that ended with done: the first ones, in order.
            long[] pinned = ChildCrawl.countPinning(jfr, windows);
            for (int i = 0; i < pinned.length; i++) {
                done.set(i, done.get(i).withPinningEvents(pinned[i]));
            }
        }
        return new Outcome(done, setupMillis, exitMillis);
    }

    /** {@code java ... crawler.app.Main bench-session ...}; with a recording file, Flight Recorder on pinning. */
    private List<String> command(Cell cell, Path seedFile, int depth, Path outPrefix, int runs, Duration crawlLimit,
                                 Path jfr) {
        List<String> cmd = child.javaCommand("bench-session");
        cmd.addAll(List.of("--seeds", seedFile.toString(), "-d", Integer.toString(depth), "--out-prefix", outPrefix.toString(),
                "--warmups", Integer.toString(warmups), "--warmup-pages", Integer.toString(warmupPages(cell)),
                "--runs", Integer.toString(runs)));
        cmd.addAll(ChildCrawl.crawlOptions(cell, crawlLimit));
        if (jfr != null) {
            cmd.addAll(1, ChildCrawl.recorderOptions(jfr));
        }
        return cmd;
    }

    /**
     * Worker start-up is reported to the first crawl on the substrate: the warm-up (its summary),
     * or run 1 without one. Every run then reports it.
     */
    private static void addWorkerStartups(List<RunResult> done, Path warmupSummary) throws IOException {
        List<Long> startups = ChildCrawl.workerStartups(warmupSummary);
        if (startups.isEmpty() && !done.isEmpty()) {
            startups = done.getFirst().workerStartupMillis();
        }
        for (int i = 0; i < done.size(); i++) {
            if (!startups.isEmpty() && done.get(i).workerStartupMillis().isEmpty()) {
                done.set(i, done.get(i).withWorkerStartupMillis(startups));
            }
        }
    }

    /** Reads the child's control lines (stdout) into a queue; "eof" when it closes. */
    private static BlockingQueue<String> drain(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().name("bench-session-control").start(() -> {
            try (var in = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    // Flight Recorder announces itself on stdout too; only the handshake counts.
                    if (line.matches("(ready|done) \\d+")) {
                        lines.add(line);
                    }
                }
            } catch (IOException closed) {
                // the child is gone: eof below says so
            }
            lines.add("eof");
        });
        return lines;
    }

    private static String unexpected(String line, String wanted, long waitedMillis, Path log) {
        if (line == null) {
            return "no '" + wanted + "' from the child within " + waitedMillis / 1000 + " s";
        }
        return "child ended before '" + wanted + "' (" + line + "): " + ChildCrawl.lastLine(log);
    }
}
