package crawler.bench.run;

import crawler.bench.plan.Contender;
import crawler.bench.plan.Scenario;
import crawler.bench.probe.OtherWork;
import crawler.bench.probe.ProcFs;

import crawler.fixtures.FixtureServer;
import crawler.fixtures.SiteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs {@code crawler compare}: each scenario's site served in this JVM (so the server's CPU and
 * memory stay out of the measured trees), warmed up unmeasured, then every contender crawls it
 * whole, one after another, {@code runs} times over. Each crawl is a whole process timed from
 * outside ({@link WholeProcessRun}); its URL set is checked against the site's ground truth as the
 * server saw it. A contender that cannot run (wget2 not installed) gets rows saying so.
 *
 * <p><b>Thread-safety:</b> one comparison at a time per instance.
 */
public final class Comparison {

    /**
     * One crawl.
     *
     * @param scenario  what was crawled
     * @param contender who crawled it
     * @param run       1-based repetition
     * @param measured  what was measured; null when it did not run
     * @param urls      what it fetched against the ground truth; null when it did not run
     * @param failure   why it does not count, or null
     * @param ideal     the scenario's ideal time in ms; -1 when the latency is not one fixed value
     */
    public record Row(Scenario scenario, Contender contender, int run, WholeProcessRun.Measured measured, UrlSetMatch urls,
               String failure, long ideal) {
        public boolean ok() {
            return failure == null && measured != null;
        }
    }

    /**
     * Everything a comparison measured, and how.
     *
     * @param rows          every crawl, in the order run
     * @param wget2Version  wget2's own version line, or null when it is not installed
     * @param launcher      how this project's crawler was started
     * @param otherCpuShare the share of the machine's CPU other processes used meanwhile; -1 unknown
     * @param elapsedMillis the whole comparison
     */
    public record Result(List<Row> rows, String wget2Version, Launcher launcher, double otherCpuShare, long elapsedMillis) {
        public Result {
            rows = List.copyOf(rows);
        }
    }

    private final List<Scenario> scenarios;
    private final List<Contender> contenders;
    private final int runs;
    private final Optional<Path> wget2;
    private final Launcher launcher;
    private final Duration limit;
    private final Path workDir;
    private final WholeProcessRun runner;
    private final Consumer<String> say;

    public Comparison(List<Scenario> scenarios, List<Contender> contenders, int runs, Optional<Path> wget2, Launcher launcher,
               Duration limit, Path workDir, WholeProcessRun runner, Consumer<String> say) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, was " + runs);
        }
        this.scenarios = List.copyOf(scenarios);
        this.contenders = List.copyOf(contenders);
        this.runs = runs;
        this.wget2 = wget2;
        this.launcher = launcher;
        this.limit = limit;
        this.workDir = workDir;
        this.runner = runner;
        this.say = say;
    }

    public Result run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        OtherWork others = OtherWork.start(ProcFs.system());
        if (contenders.stream().anyMatch(c -> c != Contender.WGET2)) {
            prepareLauncher();
        }
        List<Row> rows = new ArrayList<>();
        // One server per site, kept up for the scenarios that share it.
        Map<SiteSpec, List<Scenario>> bySite = new LinkedHashMap<>();
        scenarios.forEach(s -> bySite.computeIfAbsent(s.site(), k -> new ArrayList<>()).add(s));
        for (Map.Entry<SiteSpec, List<Scenario>> e : bySite.entrySet()) {
            try (FixtureServer site = FixtureServer.start(e.getKey())) {
                SiteTruth truth = SiteTruth.of(site);
                warmUp(site);
                for (Scenario s : e.getValue()) {
                    Duration ideal = s.idealTime(truth.pages().size(), truth.levels());
                    for (int r = 1; r <= runs; r++) {
                        // Every other run in reverse order, so no crawler always follows the same one.
                        for (Contender c : r % 2 == 1 ? contenders : contenders.reversed()) {
                            rows.add(crawl(site, truth, s, c, r, ideal == null ? -1 : ideal.toMillis()));
                        }
                    }
                }
            }
        }
        String version = wget2.map(Wget2::version).orElse(null);
        return new Result(rows, version, launcher, others.share(), (System.nanoTime() - start) / 1_000_000);
    }

    private Row crawl(FixtureServer site, SiteTruth truth, Scenario s, Contender c, int run, long ideal)
            throws IOException, InterruptedException {
        if (c == Contender.WGET2 && wget2.isEmpty()) {
            return new Row(s, c, run, null, null, Wget2.HOW_TO_GET, ideal);
        }
        Path dir = workDir.resolve(s.key() + "-" + c.key() + "-r" + run);
        try {
            List<String> cmd = c.command(wget2.orElse(null), launcher.command(), site.baseUrl(), s.concurrency(), dir, limit);
            WholeProcessRun.Measured m = runner.run(cmd, dir, workDir.resolve(s.key() + "-" + c.key() + "-r" + run + ".log"), site,
                    limit.plusSeconds(30));
            UrlSetMatch urls = truth.match(m.requestedPaths());
            String failure = failure(c, m);
            say.accept(String.format(Locale.ROOT, "%-28s %-20s run %d: %6.2f s wall, %6.2f s CPU, %4d in flight, URL set %s%s",
                    s.label(), c.label(), run, m.wallMillis() / 1000.0, m.cpuMillis() / 1000.0, m.peakInFlight(), urls.brief(),
                    failure == null ? "" : "; FAILED: " + failure));
            return new Row(s, c, run, m, urls, failure, ideal);
        } finally {
            DirTree.delete(dir);
        }
    }

    /**
     * Why a crawl does not count: killed at its limit, or a non-zero exit (wget2: other than its
     * own "some requests failed" statuses 4 and 8, which the URL set shows).
     */
    public static String failure(Contender c, WholeProcessRun.Measured m) {
        if (m.timedOut()) {
            return "killed at its time limit";
        }
        boolean wget2Partial = c == Contender.WGET2 && (m.exitCode() == 4 || m.exitCode() == 8);
        return m.exitCode() == 0 || wget2Partial ? null : "exited with " + m.exitCode() + ": " + m.lastLogLine();
    }

    /**
     * Runs the launcher once, unmeasured: a launcher that builds the project when its sources are
     * newer must not do so inside a timed crawl, and the JDK's files get into the page cache.
     */
    private void prepareLauncher() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(launcher.command());
        cmd.add("--version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("'" + String.join(" ", cmd) + "' did not finish within " + limit.toSeconds() + " s");
        }
    }

    /** Compiles the server's hot paths in this JVM before anything is timed; not counted. */
    private void warmUp(FixtureServer site) throws InterruptedException {
        List<String> urls = site.manifest().sitemapUrls();
        int n = Math.min(urls.size(), 600);
        long t0 = System.nanoTime();
        int ok = Warmup.run(urls.subList(0, n), Duration.ofSeconds(10));
        say.accept(String.format(Locale.ROOT, "site %s up; warm-up: %d of %d requests in %.1f s (not counted)", site.baseUrl(), ok, n,
                (System.nanoTime() - t0) / 1e9));
    }

}
