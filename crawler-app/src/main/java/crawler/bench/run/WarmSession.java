package crawler.bench.run;

import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.probe.ProcessTreeProbe;
import crawler.bench.probe.TreeUsage;

import crawler.app.SessionLeg;
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

/**
 * Runs the measured crawls of one or more cells of one mode back to back in one child JVM
 * ({@code crawler bench-session}), each cell a {@link Leg}: the JVM starts once; for each leg it
 * builds the leg's substrate (thread pool, or worker JVMs), crawls the leg's first
 * {@link #warmupPages} seeds unmeasured, then the whole seed list once per run, then closes that
 * substrate. So JVM start-up and JIT warm-up are paid once per mode, not once per cell. Each run
 * waits for the bench's word, and the process-tree probe takes a full reading just before and just
 * after it, so CPU time, context switches and peaks cover that crawl alone, with the substrate
 * already up. Every mode gets the same treatment: the same warm-up crawls, the same handshake.
 *
 * <p>Cold start is not lost: the start-up workload measures it, and the summary of a process-mode
 * run still reports its workers' spawn-to-hello times from its leg's warm-up.
 *
 * <p>Why one class of about 320 lines: most of it is one method, the bench's side of the
 * handshake with {@code bench-session} (ready, go or stop, done, per run and per leg), where the
 * probe's readings, the run windows for the pinning count, the budget's word and the child's
 * failures interleave; cut apart, each piece would need the whole session's state passed along.
 * The helpers around it (warm-up sizes, worker start-ups from the warm-up's summary, the control
 * line reader) are small and only serve that method.
 *
 * <p><b>Thread-safety:</b> one session at a time per instance; a reader thread drains the child's
 * control lines.
 */
public final class WarmSession {

    /** A warm-up crawl in a cold JVM has at least this many pages (or all of them), so the hot paths get compiled. */
    public static final int MIN_WARMUP_PAGES = 50;

    /**
     * Pages of a cell's warm-up crawl in a fresh JVM: enough for every unit of concurrency to
     * fetch twice (so every thread or worker has started and run the code) and for the hot paths to
     * be compiled, at most the whole seed list.
     */
    public static int warmupPages(Cell cell) {
        return (int) Math.min(cell.pages(), Math.max(MIN_WARMUP_PAGES, 2L * cell.concurrency()));
    }

    /**
     * Pages of a leg's warm-up crawl. The first leg of a session warms a fresh JVM
     * ({@link #warmupPages(Cell)}). A later thread-mode leg fetches in a JVM whose code an earlier
     * leg compiled, so its new substrate only needs every unit to fetch twice; a later process-mode
     * leg starts fresh worker JVMs, and a later leg of a cluster of more members fresh member JVMs,
     * which need the full warm-up.
     */
    public static int warmupPages(Cell cell, boolean firstLeg) {
        return firstLeg || cell.startsJvms() ? warmupPages(cell) : (int) Math.min(cell.pages(), 2L * cell.concurrency());
    }

    /**
     * One cell of a session: what it crawls.
     *
     * @param seeds    the flat seed list, crawled whole by every run
     * @param depth    link depth (0 for the fixture site's flat lists)
     * @param expected the URL set every run must fetch; null: no ground truth
     * @param site     the crawled site's count of requests in flight, read around each run
     * @param runs     measured runs at most
     */
    public record Leg(Cell cell, List<String> seeds, int depth, Set<String> expected, SiteGauge site, int runs) {
        public Leg {
            seeds = List.copyOf(seeds);
            Objects.requireNonNull(site, "site");
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be >= 1, was " + runs);
            }
        }
    }

    /** The bench's answer when a run of a leg is ready: crawl it, skip to the next leg, or end the session. */
    public enum Word { GO, NEXT, STOP }

    /** Decides each run as it comes up (the bench's budget). */
    @FunctionalInterface
    public interface Pacer {
        Word before(Cell cell, int run);
    }

    /**
     * What a session did.
     *
     * @param runs        the measured runs, in order, of every leg; a failed one when the child
     *                    failed before a leg's first run; none of a leg the bench refused
     * @param setupMillis spawn to the first run's start: JVM start, substrate, warm-up crawl; -1 if never reached
     * @param exitMillis  end of the last run to the child's exit
     */
    public record Outcome(List<RunResult> runs, long setupMillis, long exitMillis) {
        public Outcome {
            runs = List.copyOf(runs);
        }

        /** The runs of one cell, in order. */
        public List<RunResult> of(Cell cell) {
            return runs.stream().filter(r -> r.cell().equals(cell)).toList();
        }
    }

    /** The child's word that run N of leg L is ready. */
    private static final java.util.regex.Pattern READY = java.util.regex.Pattern.compile("ready (\\d+) (\\d+)");

    private final ChildCrawl child;
    private final int warmups;

    /**
     * @param warmups unmeasured crawls on each leg's substrate before its first measured run; 0
     *                measures a cold substrate (still one JVM for all runs)
     */
    public WarmSession(ChildCrawl child, int warmups) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must be >= 0, was " + warmups);
        }
        this.child = child;
        this.warmups = warmups;
    }

    /**
     * Runs the legs in order in one child JVM, each run checked against its leg's expected URL
     * set.
     *
     * @param limit   each crawl's own time limit (the warm-ups' too)
     * @param pinning run the child with Flight Recorder on {@code jdk.VirtualThreadPinned}, counted
     *                per run for virtual-thread cells
     * @param pacer   asked before each run; {@link Word#NEXT} skips the rest of that leg,
     *                {@link Word#STOP} ends the session
     * @param onRun   told of each run as it ends (without its pinning count, known only at exit)
     */
    public Outcome run(List<Leg> legs, Duration limit, boolean pinning, Pacer pacer, java.util.function.Consumer<RunResult> onRun)
            throws IOException, InterruptedException {
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a session needs at least one leg");
        }
        Duration crawlLimit = child.capped(limit);
        Path dir = child.workDir();
        Files.createDirectories(dir);
        Cell head = legs.getFirst().cell();
        String sessionStem = head.substrate().label() + "-session-" + head.key();
        Path log = dir.resolve(sessionStem + ".log");
        Path jfr = dir.resolve(sessionStem + ".jfr");
        Path legsFile = dir.resolve(sessionStem + ".legs.json");
        List<SessionLeg> plan = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            Path seedFile = dir.resolve(stem(leg.cell()) + ".seeds");
            Files.write(seedFile, leg.seeds(), StandardCharsets.UTF_8);
            plan.add(SessionLeg.of(seedFile, dir.resolve(stem(leg.cell())), warmupPages(leg.cell(), i == 0), leg.runs(),
                    ChildCrawl.crawlArgs(leg.cell(), leg.depth(), crawlLimit)));
        }
        SessionLeg.write(legsFile, plan);
        Files.deleteIfExists(jfr);
        long spawned = System.nanoTime();
        List<String> cmd = child.javaCommand("bench-session");
        cmd.addAll(List.of("--legs", legsFile.toString(), "--warmups", Integer.toString(warmups)));
        if (pinning) {
            cmd.addAll(1, ChildCrawl.recorderOptions(jfr));
        }
        Process process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        Thread reaper = ChildCrawl.addReaper(process);
        BlockingQueue<String> control = drain(process);
        ProcessTreeProbe probe = child.probe(process);
        List<RunResult> done = new ArrayList<>();
        List<ChildCrawl.Window> windows = new ArrayList<>();
        List<Integer> windowed = new ArrayList<>();
        long setupMillis = -1;
        long lastEnd = spawned;
        String failure = null;
        // Up to the first ready of a leg: its substrate, its warm-ups; the first leg also the JVM.
        long legWait = (warmups + 1) * crawlLimit.toMillis() + ChildCrawl.GRACE_MILLIS;
        try (Writer bench = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            // Driven by the child's ready lines: it goes on to the next leg by itself when a leg's runs
            // are done, when the bench says next, or when a crawl stopped short and broke the substrate.
            int legAt = 0;
            boolean stopped = false;
            while (true) {
                String line = control.poll(legWait, TimeUnit.MILLISECONDS);
                java.util.regex.Matcher ready = line == null ? null : READY.matcher(line);
                if (ready == null || !ready.matches()) {
                    if (!stopped && legAt < legs.size()) {
                        // The child ended (or fell silent) before a leg it still owed.
                        Leg owed = legs.get(legAt);
                        failure = unexpected(line, "ready " + (legAt + 1) + " 1", legWait, log);
                        done.add(ChildCrawl.failed(owed.cell(), 1, failure, 0, TreeUsage.NOT_MEASURED));
                        onRun.accept(done.getLast());
                    }
                    break;
                }
                int l = Integer.parseInt(ready.group(1));
                int r = Integer.parseInt(ready.group(2));
                legAt = l;
                Leg leg = legs.get(l - 1);
                if (setupMillis < 0) {
                    setupMillis = (System.nanoTime() - spawned) / 1_000_000;
                }
                Word word = stopped ? Word.STOP : pacer.before(leg.cell(), r);
                if (word != Word.GO) {
                    bench.write(word == Word.STOP ? "stop\n" : "next\n");
                    bench.flush();
                    stopped |= word == Word.STOP;
                    continue;
                }
                if (probe != null) {
                    probe.beginWindow();
                }
                leg.site().startRun();
                Instant from = Instant.now();
                long t0 = System.nanoTime();
                bench.write("go\n");
                bench.flush();
                long doneWait = crawlLimit.toMillis() + ChildCrawl.GRACE_MILLIS;
                line = control.poll(doneWait, TimeUnit.MILLISECONDS);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                TreeUsage usage = probe == null ? TreeUsage.NOT_MEASURED : probe.endWindow();
                int peakInFlight = leg.site().peakInFlight();
                lastEnd = System.nanoTime();
                String wanted = "done " + l + " " + r;
                if (!wanted.equals(line)) {
                    failure = unexpected(line, wanted, doneWait, log);
                    done.add(ChildCrawl.failed(leg.cell(), r, failure, millis, usage));
                    onRun.accept(done.getLast());
                    break;
                }
                windows.add(new ChildCrawl.Window(from, Instant.now()));
                Path prefix = dir.resolve(stem(leg.cell()) + "-r" + r);
                RunResult result = ChildCrawl.read(leg.cell(), r, Path.of(prefix + ".summary.json"),
                        Path.of(prefix + ".jsonl"), leg.expected(), millis, usage).withPeakInFlight(peakInFlight);
                windowed.add(done.size());
                done.add(result);
                onRun.accept(result);
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
            RunResult f = ChildCrawl.failed(head, 1, failure, (System.nanoTime() - spawned) / 1_000_000, TreeUsage.NOT_MEASURED);
            onRun.accept(f);
            done.add(f);
        }
        for (Leg leg : legs) {
            addWorkerStartups(done, leg.cell(), Path.of(dir.resolve(stem(leg.cell())) + "-warmup1.summary.json"));
        }
        if (pinning && head.substrate() == Substrate.VIRTUAL && Files.exists(jfr)) {
            long[] pinned = ChildCrawl.countPinning(jfr, windows);
            for (int i = 0; i < pinned.length; i++) {
                int at = windowed.get(i);
                done.set(at, done.get(at).withPinningEvents(pinned[i]));
            }
        }
        return new Outcome(done, setupMillis, exitMillis);
    }

    /** A leg's file stem: its cell's key, e.g. {@code io-virtual-c5-...-warm}. */
    private static String stem(Cell cell) {
        return cell.key() + "-warm";
    }

    /**
     * Worker start-up is reported to the first crawl on the substrate: the warm-up (its summary),
     * or run 1 without one. Every run then reports it.
     */
    private static void addWorkerStartups(List<RunResult> done, Cell cell, Path warmupSummary) throws IOException {
        List<Long> startups = ChildCrawl.workerStartups(warmupSummary);
        if (startups.isEmpty()) {
            startups = done.stream().filter(r -> r.cell().equals(cell)).findFirst().map(RunResult::workerStartupMillis)
                    .orElse(List.of());
        }
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i).cell().equals(cell) && !startups.isEmpty() && done.get(i).workerStartupMillis().isEmpty()) {
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
                    if (line.matches("(ready|done) \\d+ \\d+")) {
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
