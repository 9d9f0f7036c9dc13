package crawler.bench.run;

import crawler.bench.plan.Cell;
import crawler.bench.plan.Workload;

import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The bench's reference rows: wget2 crawling the I/O-bound workload's site at each concurrency
 * the I/O-bound cells ran at. Each row gets a site of its own, shaped like the I/O-bound one
 * (the same pages, latency and generator), crawled recursively from its start page, since that is
 * how wget2 is used; the bench's cells crawl the same number of pages as a flat list. The site
 * counts what wget2 asked for, so its URL set is checked against the site's ground truth as the
 * server saw it, and any difference is reported, never hidden.
 *
 * <p><b>Thread-safety:</b> one bench, one instance, one run at a time.
 */
public final class ReferenceRuns {

    /** Starting and stopping a row's own fixture site, before any was seen. */
    public static final long SITE_MILLIS = 1_000;
    /** A row is expected to take at least this long, whatever its ideal time. */
    public static final long MIN_RUN_MILLIS = 1_000;

    private final Optional<Path> wget2;
    private final Path workDir;
    private final WholeProcessRun runner;
    private final Consumer<String> say;

    /**
     * @param wget2   the program, or empty when it is not installed
     * @param workDir where each run's files go (deleted after the run)
     * @param say     progress lines
     */
    public ReferenceRuns(Optional<Path> wget2, Path workDir, WholeProcessRun runner, Consumer<String> say) {
        this.wget2 = wget2;
        this.workDir = workDir;
        this.runner = runner;
        this.say = say;
    }

    /** What a reference row crawls: the I/O-bound cell's concurrency, pages and latency. */
    public record Level(int concurrency, int pages, long latencyMillis) {
    }

    /** The distinct I/O-bound levels among {@code cells}, lowest concurrency first. */
    public static List<Level> levels(List<Cell> cells) {
        return cells.stream().filter(c -> c.workload() == Workload.IO)
                .map(c -> new Level(c.concurrency(), c.pages(), c.latencyMillis()))
                .distinct().sorted(Comparator.comparingInt(Level::concurrency)).toList();
    }

    /** What the rows at these levels are expected to cost: nothing without wget2 or above its thread limit. */
    public long reserveMillis(List<Level> levels) {
        return wget2.isEmpty() ? 0 : levels.stream().filter(l -> l.concurrency() <= Wget2.MAX_THREADS)
                .mapToLong(ReferenceRuns::estimateMillis).sum();
    }

    /** A row's expected cost: its own site's start and stop, and a few times its ideal time. */
    public static long estimateMillis(Level l) {
        long ideal = (long) Math.ceil((double) l.pages() / l.concurrency()) * Math.max(0, l.latencyMillis());
        return SITE_MILLIS + Math.max(MIN_RUN_MILLIS, 3 * ideal);
    }

    /**
     * One row per level: measured, or why not. Without wget2 there is one row, saying how to get
     * it; nothing fails.
     *
     * @param admits asked with a row's estimate before it runs; false skips it for the budget
     * @param limit  the longest a row may run, asked just before it
     */
    public List<Reference> run(List<Level> levels, LongPredicate admits,
                        Supplier<Duration> limit) throws IOException, InterruptedException {
        if (levels.isEmpty()) {
            return List.of();
        }
        if (wget2.isEmpty()) {
            return List.of(new Reference.NotRun(Wget2.NAME, 0, Wget2.HOW_TO_GET));
        }
        String version = Wget2.version(wget2.get());
        List<Reference> rows = new ArrayList<>();
        for (Level l : levels) {
            if (l.concurrency() > Wget2.MAX_THREADS) {
                rows.add(new Reference.NotRun(Wget2.NAME, l.concurrency(), String.format(Locale.ROOT,
                        "not run above %,d threads (wget2 starts a thread per download)", Wget2.MAX_THREADS)));
            } else if (!admits.test(estimateMillis(l))) {
                rows.add(new Reference.NotRun(Wget2.NAME, l.concurrency(), String.format(Locale.ROOT,
                        "skipped: budget (about %.0f s needed)", estimateMillis(l) / 1000.0)));
            } else {
                rows.add(measure(l, version, limit.get()));
            }
        }
        return rows;
    }

    private Reference measure(Level l, String version, Duration limit) throws IOException, InterruptedException {
        Latency latency = l.latencyMillis() > 0 ? new Latency.Fixed(Duration.ofMillis(l.latencyMillis())) : new Latency.None();
        Path dir = workDir.resolve("wget2-c" + l.concurrency());
        try (FixtureServer site = FixtureServer.start(SiteSpec.wide(Math.max(2, l.pages()), latency))) {
            SiteTruth truth = SiteTruth.of(site);
            Path files = dir.resolve("files");
            List<String> cmd = Wget2.command(wget2.get(), site.baseUrl(), l.concurrency(), files);
            Files.createDirectories(dir);
            WholeProcessRun.Measured m = runner.run(cmd, dir, dir.resolve("wget2.log"), site, limit);
            UrlSetMatch urls = truth.match(m.requestedPaths());
            String failure = failure(m, limit);
            say.accept(String.format(Locale.ROOT, "reference wget2 c=%d: %d pages in %.2f s, %s%s", l.concurrency(),
                    urls.fetched(), m.wallMillis() / 1000.0, urls.brief(), failure == null ? "" : "; " + failure));
            return new Reference.Measured(Wget2.NAME, version, String.join(" ", shortCommand(cmd)), l.concurrency(),
                    l.latencyMillis(), truth.levels(), m, urls, failure);
        } finally {
            DirTree.delete(dir);
        }
    }

    /**
     * Why a run does not count: killed at its limit, or an exit other than success, a network
     * failure (4) or an error response (8): those two are wget2's way of saying some requests
     * failed, which the URL set shows.
     */
    public static String failure(WholeProcessRun.Measured m, Duration limit) {
        if (m.timedOut()) {
            return "killed at its time limit of " + limit.toSeconds() + " s";
        }
        if (m.exitCode() != 0 && m.exitCode() != 4 && m.exitCode() != 8) {
            return "exited with " + m.exitCode() + ": " + m.lastLogLine();
        }
        return null;
    }

    /** The command without its paths: the program's name, the options that shape the crawl, and no URL. */
    public static List<String> shortCommand(List<String> cmd) {
        List<String> out = new ArrayList<>();
        out.add(Path.of(cmd.getFirst()).getFileName().toString());
        for (String a : cmd.subList(1, cmd.size() - 1)) {
            if (!a.startsWith("--directory-prefix=") && !a.equals("--no-config") && !a.equals("--quiet")
                    && !a.equals("--no-host-directories")) {
                out.add(a);
            }
        }
        return out;
    }

}
