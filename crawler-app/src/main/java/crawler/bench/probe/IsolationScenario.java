package crawler.bench.probe;

import crawler.app.CrawlArgs;
import crawler.chaos.ChaosPlan;
import crawler.bench.run.ChildCrawl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.exec.Mode;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Claim 8 of DESIGN.md, run for real: for each execution mode and each fault, one crawl of a
 * fault-free fixture site in a child JVM with a small heap, in which the {@code faultAt}-th task of
 * a process fails ({@code --chaos oom-at=N} or {@code error-at=N}). Nothing is predicted: the
 * child's exit status, its results file and its summary (if it lived to write one) are read back.
 *
 * <p>The child is {@code crawler.app.Main crawl} on this JVM's java and class path with
 * {@code -Xmx<heap>} (and the same heap for each worker JVM in process mode), politeness off, a
 * stall watchdog and a time limit; a child still running after {@link Config#timeout()} is killed
 * (its worker processes first) and reported as such.
 *
 * <p>Not thread-safe: call {@link #run} from one thread. The fixture site is served by this JVM
 * for the duration of {@link #run}.
 */
public final class IsolationScenario {

    /** The faults the scenario injects; {@link #chaosSpec} is the {@code --chaos} value. */
    public enum Fault {
        /** The task allocates and keeps memory until OutOfMemoryError. */
        OOM("oom-at"),
        /** The task throws an InternalError. */
        ERROR("error-at");

        private final String option;

        Fault(String option) {
            this.option = option;
        }

        public String chaosSpec(int at) {
            return option + "=" + at;
        }
    }

    /**
     * @param pages   pages of the fixture site (fault pages off, so every failure is the chaos)
     * @param depth   link depth crawled; the expected pages are the site's pages within it
     * @param faultAt which task of a process fails (1 = the first)
     * @param heapMb  -Xmx of the child JVM and of each worker JVM, in MiB
     * @param timeout longest a child may run before it is killed
     * @param workDir where results, summaries and stderr of the children go
     */
    public record Config(int pages, int depth, int faultAt, int heapMb, Duration timeout, Path workDir) {
        public Config {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(workDir, "workDir");
            if (pages < 2) {
                throw new IllegalArgumentException("pages must be >= 2, was " + pages);
            }
            if (depth < 0) {
                throw new IllegalArgumentException("depth must be >= 0, was " + depth);
            }
            if (faultAt < 1) {
                throw new IllegalArgumentException("faultAt must be >= 1, was " + faultAt);
            }
            if (heapMb < 16) {
                throw new IllegalArgumentException("heapMb must be >= 16, was " + heapMb);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
        }

        /** 200 pages to depth 3, the 20th task fails, 64 MiB heaps, 120 s per child. */
        public static Config defaults(Path workDir) {
            return new Config(200, 3, 20, 64, Duration.ofSeconds(120), workDir);
        }
    }

    /**
     * What one child crawl did.
     *
     * @param mode                 virtual | platform | process
     * @param fault                the {@code --chaos} value
     * @param exitCode             the child's exit status; -1 when it was killed after the timeout
     * @param timedOut             the child was still running at the timeout and was killed
     * @param expected             pages the site has within the depth
     * @param ok                   results without an error
     * @param failed               results with an error
     * @param workerCrash          results of kind WORKER_CRASH (the URL the fault hit, in any mode)
     * @param lost                 expected pages with no result at all
     * @param duplicates           results beyond the first for one URL
     * @param workerDeaths         worker processes that died, from the summary; 0 in thread modes;
     *                             -1 when the coordinator wrote no summary
     * @param coordinatorSurvived  the coordinator ended the crawl normally (exit 0, summary written)
     * @param note                 the child's own account: its stop reason, or its last telling stderr line
     */
    public record Row(String mode, String fault, int exitCode, boolean timedOut, long expected, long ok, long failed,
            long workerCrash, long lost, long duplicates, int workerDeaths, boolean coordinatorSurvived,
            String note) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Config config;
    private final PrintStream log;

    public IsolationScenario(Config config, PrintStream log) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Runs the seed's three models under every fault, in that order, and returns one row per child
     * crawl. Cluster mode is left out: its members run fetches on virtual threads in the JVM the
     * crawl starts (or on other machines), and a 64 MiB heap shared with a Hazelcast member says
     * more about Hazelcast's footprint than about claim 8.
     */
    public List<Row> run() throws IOException, InterruptedException {
        return run(List.of(Mode.VIRTUAL, Mode.PLATFORM, Mode.PROCESS), List.of(Fault.values()));
    }

    /** Runs the given modes under the given faults; one row per (mode, fault), faults outermost. */
    public List<Row> run(List<Mode> modes, List<Fault> faults) throws IOException, InterruptedException {
        Files.createDirectories(config.workDir());
        SiteSpec spec = new SiteSpec(42, config.pages(), 8, 8, 4096, new Latency.None(), false, 0);
        List<Row> rows = new ArrayList<>();
        try (FixtureServer site = FixtureServer.start(spec)) {
            Set<String> expected = site.manifest().reachable(config.depth()).keySet();
            for (Fault fault : faults) {
                for (Mode mode : modes) {
                    log.println("isolate: " + name(mode) + " with --chaos " + fault.chaosSpec(config.faultAt())
                            + ", -Xmx" + config.heapMb() + "m ...");
                    rows.add(runOne(site.manifest().startUrl(), expected, mode, fault));
                }
            }
        }
        return rows;
    }

    private Row runOne(String seed, Set<String> expected, Mode mode, Fault fault)
            throws IOException, InterruptedException {
        String key = name(mode) + "-" + fault.name().toLowerCase(Locale.ROOT);
        Path results = config.workDir().resolve(key + ".jsonl");
        Path summary = config.workDir().resolve(key + "-summary.json");
        Path stderr = config.workDir().resolve(key + ".stderr");
        Files.deleteIfExists(summary);
        Process child = new ProcessBuilder(command(seed, mode, fault, results, summary))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        boolean timedOut = !child.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (timedOut) {
            // Only what this scenario started: the child's own worker processes, then the child.
            ChildCrawl.killTree(child);
            child.waitFor(10, TimeUnit.SECONDS);
        }
        int exit = timedOut ? -1 : child.exitValue();
        return row(mode, fault, exit, timedOut, expected, results, summary, stderr);
    }

    public List<String> command(String seed, Mode mode, Fault fault, Path results, Path summary) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + config.heapMb() + "m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "crawler.app.Main", "crawl", seed));
        cmd.addAll(crawlArgs(mode, fault).argv());
        cmd.addAll(List.of("--quiet", "--out", results.toString(), "--force", "--summary", summary.toString()));
        return cmd;
    }

    /**
     * The crawl options of one scenario: 8 in flight (2 workers in process mode, each with the
     * child's heap), politeness off, the fault at {@link Config#faultAt()}, a 15 s stall watchdog
     * and a time limit 10 s inside the scenario's timeout.
     */
    public CrawlArgs crawlArgs(Mode mode, Fault fault) {
        long maxTimeS = Math.max(1, config.timeout().toSeconds() - 10);
        int at = config.faultAt();
        return new CrawlArgs(mode, 8, mode == Mode.PROCESS ? 2 : 0, mode == Mode.CLUSTER ? 1 : 0, 16, config.depth(), 10_000, 0, 0, Duration.ZERO, true,
                Duration.ofSeconds(maxTimeS), Duration.ofSeconds(15),
                ChaosPlan.parse(fault.chaosSpec(at)),
                mode == Mode.PROCESS ? List.of("-Xmx" + config.heapMb() + "m") : List.of());
    }

    private static Row row(Mode mode, Fault fault, int exit, boolean timedOut, Set<String> expected, Path results,
            Path summary, Path stderr) throws IOException {
        long ok = 0;
        long failed = 0;
        long crash = 0;
        long duplicates = 0;
        Set<String> seen = new HashSet<>();
        if (Files.exists(results)) {
            try (BufferedReader in = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode r;
                    try {
                        r = JSON.readTree(line);
                    } catch (IOException e) {
                        continue; // a torn last line of a JVM that died mid-write
                    }
                    if (!seen.add(r.path("url").asText())) {
                        duplicates++;
                    }
                    JsonNode error = r.path("error");
                    if (error.isMissingNode() || error.isNull()) {
                        ok++;
                    } else {
                        failed++;
                        crash += "WORKER_CRASH".equals(error.path("kind").asText()) ? 1 : 0;
                    }
                }
            }
        }
        long lost = expected.stream().filter(u -> !seen.contains(u)).count();
        boolean survived = !timedOut && exit == 0 && Files.exists(summary);
        int deaths = -1;
        String note;
        if (survived) {
            crawler.report.CrawlSummary s = ChildCrawl.summary(summary);
            deaths = s.workerDeaths();
            note = "crawl " + s.stopReason().name().toLowerCase(Locale.ROOT) + (deaths > 0 ? ", " + s.workerStarts() + " worker starts" : "");
        } else if (timedOut) {
            note = "still running at the timeout; killed. " + lastWords(stderr);
        } else {
            note = lastWords(stderr);
        }
        return new Row(name(mode), fault.chaosSpec(0).replace("=0", ""), exit, timedOut, expected.size(), ok, failed,
                crash, lost, duplicates, deaths, survived, note);
    }

    /**
     * What the child's stderr says happened to it, briefly: whether its main (coordinator) thread
     * died and of what, how many fetch threads caught an Error on their URL, whether a fetch
     * thread's Error halted the JVM; else the first line naming an Error, else the last line.
     */
    public static String account(List<String> stderrLines) {
        List<String> lines = stderrLines.stream()
                .filter(l -> !l.isBlank() && !l.strip().startsWith("at ") && !l.contains("chaos:")).toList();
        List<String> parts = new ArrayList<>();
        String mainPrefix = "Exception in thread \"main\" ";
        lines.stream().filter(l -> l.startsWith(mainPrefix)).findFirst()
                .ifPresent(l -> parts.add("main (coordinator) thread died of " + l.substring(mainPrefix.length())));
        long caught = lines.stream().filter(l -> l.startsWith("crawler: fetch thread ") && l.contains(" hit ")).count();
        if (caught > 0) {
            parts.add(caught + " fetch thread(s) caught an Error on their URL");
        }
        if (lines.stream().anyMatch(l -> l.contains("the crawl stops here (exit status"))) {
            parts.add("a fetch thread died of an Error: JVM halted");
        }
        if (parts.isEmpty()) {
            parts.add(lines.stream().filter(l -> l.contains("Exception") || l.contains("Error")).findFirst()
                    .orElse(lines.isEmpty() ? "" : lines.getLast()).strip());
        }
        return String.join("; ", parts);
    }

    private static String lastWords(Path stderr) throws IOException {
        return Files.exists(stderr) ? account(Files.readAllLines(stderr, StandardCharsets.UTF_8)) : "";
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** The rows as a plain-text table, one line per child crawl. */
    public static String table(List<Row> rows) {
        String format = "%-9s %-9s %-12s %8s %5s %7s %13s %5s %5s %14s %-11s  %s%n";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, format, "mode", "fault", "exit", "expected",
                "ok", "failed", "worker_crash", "lost", "dups", "worker_deaths", "coordinator", "note"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, format, r.mode(), r.fault(),
                    r.timedOut() ? "killed" : String.valueOf(r.exitCode()), r.expected(), r.ok(), r.failed(),
                    r.workerCrash(), r.lost(), r.duplicates(),
                    !r.mode().equals("process") ? "n/a" : r.workerDeaths() < 0 ? "?" : String.valueOf(r.workerDeaths()),
                    r.coordinatorSurvived() ? "survived" : "died", r.note()));
        }
        return b.toString();
    }
}
