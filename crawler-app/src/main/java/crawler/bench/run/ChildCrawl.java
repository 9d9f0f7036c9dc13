package crawler.bench.run;

import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.probe.ProcFs;
import crawler.bench.probe.ProcessTreeProbe;
import crawler.bench.probe.TreeUsage;

import crawler.app.CrawlArgs;
import crawler.chaos.ChaosPlan;
import crawler.report.CrawlSummary;
import crawler.report.MemberShare;
import crawler.report.StopReason;
import crawler.startup.CrawlJvmOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measured crawl as a child JVM: the same java binary and class path as the bench,
 * {@code crawler.app.Main crawl --seeds FILE -d 0 ...}, politeness off (the site is ours), a time
 * limit, results and summary to files. The probe watches the child's process tree meanwhile.
 * Then the summary and the results file are read back into a {@link RunResult}.
 *
 * <p>Why one class of about 340 lines: it is the bench's one definition of a child crawl JVM, and
 * its parts change together. The command line (java binary, class path, runtime options, the
 * pinning recorder), the process's life (reaper, stop, null device) and the reading back of what
 * the child wrote (summary, results, URL-set digest, failure lines) all encode the same contract
 * with {@code crawler crawl} and {@code bench-session}; {@link WarmSession} reuses each piece for
 * its long-lived child, so splitting them would spread one protocol over several files.
 *
 * <p><b>Thread-safety:</b> immutable; {@link #run} may be called from one thread at a time per
 * work directory.
 */
public final class ChildCrawl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String javaBinary;
    private final String classPath;
    private final Path workDir;
    private final Duration maxTime;
    private final Duration probeInterval;
    private final ProcFs proc;

    public ChildCrawl(String javaBinary, String classPath, Path workDir, Duration maxTime, Duration probeInterval, ProcFs proc) {
        this.javaBinary = javaBinary;
        this.classPath = classPath;
        this.workDir = workDir;
        this.maxTime = maxTime;
        this.probeInterval = probeInterval;
        this.proc = proc;
    }

    /** The JVM running the bench, its class path and /proc. */
    public static ChildCrawl ofThisJvm(Path workDir, Duration maxTime) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ChildCrawl(java, System.getProperty("java.class.path"), workDir, maxTime, Duration.ofMillis(50),
                ProcFs.system());
    }

    /**
     * Crawls {@code seeds} (depth 0) as the cell says, and checks the fetched URL set against
     * {@code expected} (null: no ground truth, e.g. a user's site crawled with {@code depth}).
     *
     * @param depth   link depth; 0 for the flat seed lists of the fixture site
     * @param limit   the crawl's own time limit ({@code --max-time}), at most the configured one: the
     *                bench's budget may leave less
     * @param pinning run the crawl's JVM with Flight Recorder on {@code jdk.VirtualThreadPinned}
     *                (threshold 0); the events are counted for virtual-thread cells only, where a
     *                virtual thread fetches, but the recorder runs in every mode so it costs alike
     */
    public RunResult run(Cell cell, int repeat, List<String> seeds, int depth, Set<String> expected, Duration limit,
                  boolean pinning, SiteGauge site) throws IOException, InterruptedException {
        Duration crawlLimit = capped(limit);
        Files.createDirectories(workDir);
        String stem = cell.key() + "-r" + repeat;
        Path seedFile = workDir.resolve(stem + ".seeds");
        Path results = workDir.resolve(stem + ".jsonl");
        Path summary = workDir.resolve(stem + ".summary.json");
        Path log = workDir.resolve(stem + ".log");
        Path jfr = workDir.resolve(stem + ".jfr");
        Files.write(seedFile, seeds, StandardCharsets.UTF_8);
        Files.deleteIfExists(results);
        Files.deleteIfExists(summary);
        Files.deleteIfExists(jfr);
        List<String> cmd = command(cell, seedFile, depth, results, summary, crawlLimit);
        if (pinning) {
            cmd.addAll(1, recorderOptions(jfr));
        }
        site.startRun();
        long t0 = System.nanoTime();
        Process child = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(log.toFile())
                .redirectErrorStream(true)
                .start();
        Thread reaper = addReaper(child);
        ProcessTreeProbe probe = probe(child);
        boolean exited;
        long grace = GRACE_MILLIS;
        try {
            // The crawl stops itself at its time limit; the grace covers JVM and worker start-up and shutdown.
            exited = child.waitFor(crawlLimit.toMillis() + grace, TimeUnit.MILLISECONDS);
        } finally {
            stop(child, reaper);
        }
        long childMillis = (System.nanoTime() - t0) / 1_000_000;
        TreeUsage usage = probe == null ? TreeUsage.NOT_MEASURED : probe.finish();
        if (!exited) {
            return failed(cell, repeat, "child did not exit within " + (crawlLimit.plusMillis(grace).toSeconds()) + " s; killed",
                    childMillis, usage);
        }
        if (child.exitValue() != 0 || !Files.exists(summary)) {
            return failed(cell, repeat, "child exited with " + child.exitValue() + ": " + lastLine(log), childMillis, usage);
        }
        RunResult r = read(cell, repeat, summary, results, expected, childMillis, usage).withPeakInFlight(site.peakInFlight());
        if (pinning && cell.substrate() == Substrate.VIRTUAL && Files.exists(jfr)) {
            r = r.withPinningEvents(countPinning(jfr));
        }
        return r;
    }

    /** Time a child gets beyond its crawl limit for JVM and worker start-up and shutdown. */
    public static final long GRACE_MILLIS = 30_000;

    /** The crawl's time limit: the one asked for, at most the configured one. */
    public Duration capped(Duration limit) {
        return limit.compareTo(maxTime) < 0 ? limit : maxTime;
    }

    public Path workDir() {
        return workDir;
    }

    /** A probe watching the child's tree, or null where there is no /proc. */
    public ProcessTreeProbe probe(Process child) {
        return proc.available() ? ProcessTreeProbe.start(proc, child.toHandle(), probeInterval) : null;
    }

    /** Ctrl-C or kill of the bench must not leave a child crawling on its own until --max-time. */
    public static Thread addReaper(Process child) {
        Thread reaper = new Thread(() -> {
            child.descendants().forEach(ProcessHandle::destroy);
            child.destroy();
        }, "bench-child-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        return reaper;
    }

    /** SIGKILLs {@code child} and the processes it started (only what the bench started). */
    public static void killTree(Process child) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
    }

    /** Kills the child and its descendants if still alive, and drops its reaper. */
    public static void stop(Process child, Thread reaper) throws InterruptedException {
        if (child.isAlive()) {
            killTree(child);
            child.waitFor(5, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stops the child
        }
    }

    /**
     * Flight Recorder with no events but virtual-thread pinning (every one: threshold 0), written
     * when the JVM exits.
     */
    public static List<String> recorderOptions(Path jfr) {
        return List.of("-XX:StartFlightRecording:filename=" + jfr + ",dumponexit=true,settings=none,"
                + "+jdk.VirtualThreadPinned#enabled=true,+jdk.VirtualThreadPinned#threshold=0ms");
    }

    /** A span of wall-clock time, [{@code from}, {@code to}). */
    public record Window(java.time.Instant from, java.time.Instant to) {
        static final Window ALWAYS = new Window(java.time.Instant.MIN, java.time.Instant.MAX);

        public boolean holds(java.time.Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    /** The {@code jdk.VirtualThreadPinned} events in a recording. */
    public static long countPinning(Path jfr) throws IOException {
        return countPinning(jfr, List.of(Window.ALWAYS))[0];
    }

    /** The {@code jdk.VirtualThreadPinned} events in a recording that started in each window, in one read of it. */
    public static long[] countPinning(Path jfr, List<Window> windows) throws IOException {
        long[] n = new long[windows.size()];
        try (jdk.jfr.consumer.RecordingFile f = new jdk.jfr.consumer.RecordingFile(jfr)) {
            while (f.hasMoreEvents()) {
                jdk.jfr.consumer.RecordedEvent e = f.readEvent();
                if (e.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                    for (int i = 0; i < n.length; i++) {
                        if (windows.get(i).holds(e.getStartTime())) {
                            n[i]++;
                        }
                    }
                }
            }
        }
        return n;
    }

    public List<String> command(Cell cell, Path seedFile, int depth, Path results, Path summary, Duration limit) {
        List<String> cmd = javaCommand("crawl");
        cmd.addAll(List.of("--seeds", seedFile.toString(), "-o", results.toString(), "--summary", summary.toString(), "-q"));
        cmd.addAll(crawlArgs(cell, depth, limit).argv());
        return cmd;
    }

    /** {@code java -cp ... crawler.app.Main SUBCOMMAND}, as a list to add to. */
    public List<String> javaCommand(String subcommand) {
        List<String> cmd = java();
        cmd.addAll(List.of("crawler.app.Main", subcommand));
        return cmd;
    }

    /** {@code java -cp ...}, with no main class yet. */
    public List<String> java() {
        List<String> cmd = new ArrayList<>(List.of(javaBinary));
        cmd.addAll(CrawlJvmOptions.RUNTIME); // as the launcher and the workers run, so modes differ only in substrate
        cmd.addAll(List.of("-Dcrawler.stderr.tty=false", "-cp", classPath));
        return cmd;
    }

    /**
     * The crawl options every measured crawl gets, cold or warm: the cell's substrate and pacing,
     * politeness off (the site is ours), the time limit, the chaos cell's worker kills, cluster
     * mode's members.
     */
    public static CrawlArgs crawlArgs(Cell cell, int depth, Duration limit) {
        CrawlArgs args = CrawlArgs.unthrottled(cell.substrate().mode(), cell.concurrency(), cell.workers(), cell.batchSize(),
                depth, cell.cpuWork(), limit).withChaos(ChaosPlan.killingWorkerEvery(cell.killWorkerEvery()));
        return cell.substrate().members() > 1 ? args.withMembers(cell.substrate().members()) : args;
    }

    /**
     * Pages each member delivered, most first, with a 0 for each of the cell's members that
     * delivered none (the summary lists only members that answered a batch).
     */
    private static List<Long> memberPages(Cell cell, CrawlSummary s) {
        List<Long> pages = new java.util.ArrayList<>(s.members().values().stream().map(MemberShare::pages).toList());
        while (pages.size() < cell.substrate().members()) {
            pages.add(0L);
        }
        pages.sort(java.util.Comparator.reverseOrder());
        return pages;
    }

    public static RunResult read(Cell cell, int repeat, Path summaryFile, Path results, Set<String> expected,
                                  long childMillis, TreeUsage usage) throws IOException {
        CrawlSummary s = summary(summaryFile);
        Set<String> urls = urlsOf(results);
        int threads = s.threadsPerPid().values().stream().mapToInt(Integer::intValue).sum();
        long pages = s.pages();
        RunResult r = new RunResult(cell, repeat, null, s.wallMillis(), childMillis, pages, s.failed(), urls.size(), digest(urls),
                s.pids().size(), threads, s.workerStartupMillis(), usage, s.workerDeaths(), s.requeued(), -1,
                s.workerFirstResultMillis(), -1, memberPages(cell, s));
        StopReason stop = s.stopReason();
        if (stop != StopReason.COMPLETE) {
            return r.withFailure("crawl stopped: " + stop + " (" + pages + " pages)");
        }
        if (expected != null && !urls.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(urls);
            Set<String> extra = new TreeSet<>(urls);
            extra.removeAll(expected);
            return r.withFailure("URL set differs from the seed list: " + missing.size() + " missing, " + extra.size() + " extra");
        }
        return r;
    }

    /**
     * A child's {@code --summary} file, read into the record the child wrote it from, so a renamed
     * or retyped field breaks the build or the read, never silently reads as 0.
     */
    public static CrawlSummary summary(Path summaryFile) throws IOException {
        return JSON.readValue(summaryFile.toFile(), CrawlSummary.class);
    }

    /** Spawn-to-hello of each worker JVM in a crawl summary file; empty when there is no such file. */
    public static List<Long> workerStartups(Path summaryFile) throws IOException {
        return Files.exists(summaryFile) ? summary(summaryFile).workerStartupMillis() : List.of();
    }

    public static RunResult failed(Cell cell, int repeat, String why, long childMillis, TreeUsage usage) {
        return new RunResult(cell, repeat, why, 0, childMillis, 0, 0, 0, "", 0, 0, List.of(), usage);
    }

    /** The {@code url} of every line of a results file. */
    public static Set<String> urlsOf(Path results) throws IOException {
        Set<String> urls = new TreeSet<>();
        if (!Files.exists(results)) {
            return urls;
        }
        try (BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    urls.add(JSON.readTree(line).path("url").asText());
                }
            }
        }
        return urls;
    }

    /** First 16 hex digits of the SHA-256 of the sorted URLs, one per line. */
    public static String digest(Set<String> urls) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String u : new TreeSet<>(urls)) {
                sha.update(u.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * What the child said last: the last exception header (a stack trace's "... n more" says
     * nothing), else the last non-blank line.
     */
    public static String lastLine(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        String last = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (last == null) {
                last = line;
            }
            boolean traceLine = line.startsWith("at ") || line.startsWith("...");
            if (!traceLine && (line.contains("Exception") || line.contains("Error"))) {
                return line;
            }
        }
        return last == null ? "(empty log)" : last;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
