package crawler.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import crawler.archive.WarcFiles;
import crawler.archive.WarcTruncator;
import crawler.exec.cluster.ClusterConfig;
import crawler.frontier.FrontierLimits;
import crawler.report.CrawlSummary;
import crawler.report.JsonLinesSink;
import crawler.report.ResultJournal;
import crawler.report.ResultSink;
import crawler.report.SummaryFormatter;
import crawler.resume.Journal;
import crawler.resume.RetryPolicy;
import crawler.url.UrlNormalizer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crawler crawl}: crawl a seed list in one execution mode. */
@Command(name = "crawl", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Crawl from seed URLs (arguments, --seeds FILE, or - for stdin) and write one JSON line per page.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the crawl ran to its end (pages may have failed: see --fail-on-page-errors)",
            "1:the crawl could not run (no worker could start, output failed)",
            "2:usage: bad option, bad seed with --strict, or an output file in the way",
            "3:no page could be fetched: every seed failed or was refused",
            "4:with --fail-on-page-errors: some pages failed",
            "130:interrupted (Ctrl-C); the results file ends on a whole line and --resume continues"})
final class CrawlCommand implements java.util.concurrent.Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NO_PAGE = 3;
    static final int EXIT_PAGE_ERRORS = 4;
    static final int EXIT_INTERRUPTED = 130;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "seed URLs; - reads seeds from stdin")
    List<String> seedArgs = new ArrayList<>();

    @Option(names = {"-s", "--seeds"}, paramLabel = "FILE",
            description = "file of seed URLs, one per line; blank lines and # comments allowed; - = stdin")
    Path seedsFile;

    @Option(names = "--strict", description = "stop on the first bad seed line instead of reporting and skipping it")
    boolean strict;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "-",
            description = "results as JSON Lines; - = stdout (default: ${DEFAULT-VALUE})")
    String out;

    @Option(names = "--force", description = "overwrite an existing --out file")
    boolean force;

    @Option(names = "--resume", description = "continue the crawl recorded in the --out file: pages it holds are"
            + " not fetched again, new results are appended (a torn last line is cut off first)")
    boolean resume;

    @Option(names = "--no-retry-failed", description = "with --resume: keep the transient failures the results file"
            + " holds (worker crash, stall, connect, timeout, reset, 5xx) instead of trying each once more")
    boolean noRetryFailed;

    @Option(names = "--summary", paramLabel = "FILE", description = "also write the summary as JSON to FILE; like --out,"
            + " an existing file is overwritten only with --force or --resume, and it may not be the --out file")
    Path summaryFile;

    @Option(names = {"-q", "--quiet"}, description = "no progress line")
    boolean quiet;

    @Option(names = "--fail-on-page-errors", description = "exit with 4 when any page failed (for scripts and CI)")
    boolean failOnPageErrors;

    @Mixin
    CrawlOptions options;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        CrawlSettings settings;
        ClusterConfig cluster;
        try {
            settings = options.toSettings();
            cluster = options.clusterConfig();
        } catch (IllegalArgumentException e) {
            err.println("crawler: " + e.getMessage());
            return EXIT_USAGE;
        }
        SeedList seeds = readSeeds(err);
        if (seeds == null) {
            return EXIT_USAGE;
        }
        for (SeedList.Problem p : seeds.problems()) {
            err.println("crawler: bad seed at " + p);
        }
        if (strict && !seeds.problems().isEmpty()) {
            err.println("crawler: --strict: stopping because of " + seeds.problems().size() + " bad seed line(s)");
            return EXIT_USAGE;
        }
        if (seeds.urls().isEmpty()) {
            err.println("crawler: no seed URLs given. Usage: crawler crawl [OPTIONS] URL... | --seeds FILE | -");
            err.println("crawler: try 'crawler crawl --help'");
            return EXIT_USAGE;
        }
        Path outPath = out.equals("-") ? null : Path.of(out);
        if (resume && (outPath == null || force)) {
            err.println("crawler: --resume needs --out FILE (the results file to continue) and no --force");
            return EXIT_USAGE;
        }
        String summaryProblem = summaryProblem(outPath);
        if (summaryProblem != null) {
            err.println("crawler: " + summaryProblem + " (nothing was written)");
            return EXIT_USAGE;
        }
        Journal journal = null;
        if (resume && Files.exists(outPath)) {
            journal = readJournal(outPath, settings, err);
            if (journal == null) {
                return EXIT_USAGE;
            }
        } else if (outPath != null && Files.exists(outPath) && !force) {
            err.println("crawler: " + outPath + " exists; pass --resume to continue that crawl or --force to overwrite it"
                    + " (nothing was written)");
            return EXIT_USAGE;
        }
        // Opened before the crawl starts, and kept open: a crawl that runs out of file descriptors
        // (ulimit -n) can then still write every result to its journal.
        OutputStream stream = outPath == null ? System.out
                : resume ? Files.newOutputStream(outPath, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newOutputStream(outPath);
        try (GracefulStop stop = new GracefulStop()) {
            CrawlSummary summary;
            try (ResultSink sink = new JsonLinesSink(stream, outPath != null)) {
                summary = crawl(settings, cluster, seeds.urls(), sink, journal, stop, err);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                // The substrate could not start (a worker JVM that dies at once) or output failed.
                err.println("crawler: crawl failed: " + e.getMessage());
                return EXIT_FAILED;
            }
            err.print(SummaryFormatter.format(summary));
            if (summaryFile != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryFile.toFile(), summary);
            }
            return exitCode(summary);
        }
    }

    /**
     * Why the --summary file may not be written, or null: it is the results file, or it exists and
     * neither --force nor --resume (which continues the crawl it summarises) allows replacing it.
     */
    private String summaryProblem(Path outPath) {
        if (summaryFile == null) {
            return null;
        }
        if (outPath != null && sameFile(summaryFile, outPath)) {
            return "--summary " + summaryFile + " names the --out file; the summary would overwrite the results";
        }
        if (Files.exists(summaryFile) && !force && !resume) {
            return "--summary " + summaryFile + " exists; pass --force to overwrite it";
        }
        return null;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // Unreadable: fall back to comparing the names.
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private int exitCode(CrawlSummary summary) {
        if (summary.stopReason() == crawler.report.StopReason.INTERRUPTED) {
            return EXIT_INTERRUPTED;
        }
        if (summary.ok() == 0 && summary.resumed() == 0) {
            return EXIT_NO_PAGE; // nothing was fetched, so every seed failed or was refused
        }
        return failOnPageErrors && summary.failed() > 0 ? EXIT_PAGE_ERRORS : EXIT_OK;
    }

    /**
     * The pages an interrupted crawl already recorded in its results file (and WARC files), with
     * their torn tails cut off; null, after saying why, when the crawl cannot be resumed.
     */
    private Journal readJournal(Path outPath, CrawlSettings settings, PrintStream err) {
        Journal read;
        try {
            read = Journal.read(outPath, settings.frontier().maxDepth() != FrontierLimits.UNLIMITED_DEPTH,
                    noRetryFailed ? RetryPolicy.NEVER : RetryPolicy.ONCE);
        } catch (IOException e) {
            err.println("crawler: cannot resume: " + e.getMessage());
            return null;
        }
        if (read.droppedTail() != null) {
            err.println("crawler: " + outPath + ": cut off a torn last line (" + read.droppedTail().length()
                    + " characters); its URL will be fetched again");
            ResultJournal.truncate(outPath, read.validBytes());
        }
        err.println("crawler: resuming: " + read.donePages() + " pages already in " + outPath
                + (read.retrying() > 0 ? "; " + read.retrying() + " transient failures to try again" : ""));
        if (settings.fetch().warc() != null && !repairWarcFiles(settings.fetch().warc().prefix(), err)) {
            return null;
        }
        return read;
    }

    private CrawlSummary crawl(CrawlSettings settings, ClusterConfig cluster, List<String> seeds, ResultSink sink,
                               Journal journal, GracefulStop stop, PrintStream err) {
        AtomicReference<ProgressDisplay> display = new AtomicReference<>();
        try {
            return new CrawlJob(settings, err, cluster).run(seeds, sink, journal, c -> {
                stop.watch(c);
                if (ProgressDisplay.wanted(quiet)) {
                    display.set(new ProgressDisplay(err, c::progress));
                }
            });
        } finally {
            if (display.get() != null) {
                display.get().close();
            }
        }
    }

    /**
     * Before a resumed crawl appends new WARC files, cuts a torn tail (a process killed mid-append)
     * off the old ones; complete files are left untouched.
     */
    private static boolean repairWarcFiles(String prefix, PrintStream err) {
        try {
            for (Path file : WarcFiles.list(prefix)) {
                WarcTruncator.Check check = WarcTruncator.repair(file);
                if (check.torn()) {
                    err.println("crawler: " + file + ": cut off a torn tail (" + (check.size() - check.validBytes())
                            + " bytes after " + check.urls() + " whole URLs)"
                            + (check.validBytes() == 0 ? "; nothing was left, file deleted" : ""));
                }
            }
            return true;
        } catch (IOException e) {
            err.println("crawler: cannot repair the WARC files of " + prefix + ": " + e.getMessage());
            return false;
        }
    }

    private SeedList readSeeds(PrintStream err) throws IOException {
        SeedReader reader = new SeedReader(new UrlNormalizer());
        List<String> urls = new ArrayList<>();
        List<SeedList.Problem> problems = new ArrayList<>();
        List<String> plain = seedArgs.stream().filter(a -> !a.equals("-")).toList();
        SeedList fromArgs = reader.fromArguments(plain);
        urls.addAll(fromArgs.urls());
        problems.addAll(fromArgs.problems());
        boolean stdin = seedArgs.contains("-") || (seedsFile != null && seedsFile.toString().equals("-"));
        if (seedsFile != null && !seedsFile.toString().equals("-")) {
            if (!Files.isReadable(seedsFile)) {
                err.println("crawler: cannot read seeds file " + seedsFile);
                return null;
            }
            try (Reader r = Files.newBufferedReader(seedsFile, StandardCharsets.UTF_8)) {
                SeedList s = reader.read(seedsFile.toString(), r);
                urls.addAll(s.urls());
                problems.addAll(s.problems());
            }
        }
        if (stdin) {
            SeedList s = reader.read("stdin", new InputStreamReader(System.in, StandardCharsets.UTF_8));
            urls.addAll(s.urls());
            problems.addAll(s.problems());
        }
        return new SeedList(urls.stream().distinct().toList(), problems);
    }
}
