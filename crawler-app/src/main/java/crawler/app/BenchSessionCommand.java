package crawler.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import crawler.exec.ReusableExecutor;
import crawler.url.UrlNormalizer;
import crawler.report.CrawlSummary;
import crawler.report.JsonLinesSink;
import crawler.report.ResultSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crawler bench-session}, run by {@code bench}, not by people: crawls one seed list several
 * times on one substrate kept warm, so the bench measures steady-state crawls rather than JVM
 * start-up. The substrate (thread pool, or worker JVMs) is built once; unmeasured warm-up crawls
 * run first; then each measured run waits for the bench's word, so the bench can take its
 * process-tree readings exactly around it.
 *
 * <p>The conversation, one line each way per run: this JVM prints {@code ready N} on stdout;
 * the bench answers {@code go} (crawl run N) or {@code stop} (its time budget is spent: shut down
 * and exit); after the crawl, this JVM prints {@code done N}. Run N's results and summary go to
 * {@code PREFIX-rN.jsonl} and {@code PREFIX-rN.summary.json}, warm-up W's summary to
 * {@code PREFIX-warmupW.summary.json}. Logs go to stderr.
 */
@Command(name = "bench-session", hidden = true, sortOptions = false,
        description = "Crawl a seed list repeatedly on one warm substrate, paced by the bench (internal).")
final class BenchSessionCommand implements java.util.concurrent.Callable<Integer> {

    /**
     * Built on first use, not when picocli instantiates every command to print {@code --help}:
     * Jackson's set-up is a large share of a short JVM's start.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Option(names = "--seeds", paramLabel = "FILE", required = true, description = "seed URLs, one per line")
    Path seedsFile;

    @Option(names = "--out-prefix", paramLabel = "PREFIX", required = true,
            description = "run N writes PREFIX-rN.jsonl and PREFIX-rN.summary.json")
    String outPrefix;

    @Option(names = "--warmups", defaultValue = "1", description = "unmeasured crawls before the first run")
    int warmups;

    @Option(names = "--warmup-pages", defaultValue = "0",
            description = "the warm-up crawls take the first N seeds (0: all of them)")
    int warmupPages;

    @Option(names = "--runs", defaultValue = "3", description = "measured runs at most")
    int runs;

    @Mixin
    CrawlOptions options;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        CrawlSettings settings;
        SeedList seeds;
        try {
            settings = options.toSettings();
            try (Reader r = Files.newBufferedReader(seedsFile, StandardCharsets.UTF_8)) {
                seeds = new SeedReader(new UrlNormalizer()).read(seedsFile.toString(), r);
            }
        } catch (IllegalArgumentException e) {
            err.println("crawler: " + e.getMessage());
            return CrawlCommand.EXIT_USAGE;
        }
        if (!seeds.problems().isEmpty() || seeds.urls().isEmpty() || warmups < 0 || runs < 1 || warmupPages < 0) {
            err.println("crawler: bench-session needs a clean, non-empty seed file, --warmups >= 0, --warmup-pages >= 0"
                    + " and --runs >= 1"
                    + (seeds.problems().isEmpty() ? "" : "; bad seed at " + seeds.problems().get(0)));
            return CrawlCommand.EXIT_USAGE;
        }
        PrintStream control = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BufferedReader bench = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CrawlJob job = new CrawlJob(settings, err);
        try (ReusableExecutor substrate = new ReusableExecutor(job.executorFactory())) {
            if (!warmUp(settings, seeds.urls(), substrate, err)) {
                return CrawlCommand.EXIT_FAILED;
            }
            return measure(job, seeds.urls(), substrate, control, bench, err);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            err.println("crawler: bench-session failed: " + e.getMessage());
            return CrawlCommand.EXIT_FAILED;
        }
    }

    /** The unmeasured crawls, each of the first {@code --warmup-pages} seeds; false if one did not complete. */
    private boolean warmUp(CrawlSettings settings, List<String> seeds, ReusableExecutor substrate, PrintStream err)
            throws IOException {
        List<String> warmupSeeds = warmupPages > 0 && warmupPages < seeds.size() ? seeds.subList(0, warmupPages) : seeds;
        for (int w = 1; w <= warmups; w++) {
            CrawlSummary s = new CrawlJob(settings, new PrintStream(OutputStream.nullOutputStream()))
                    .run(warmupSeeds, ResultSink.DISCARD, null, c -> { }, substrate::attach);
            if (!s.stopReason().equals("COMPLETE")) {
                err.println("crawler: warm-up crawl stopped: " + s.stopReason());
                return false;
            }
            // The substrate's start-up (worker spawn to hello) is reported to the first crawl
            // attached, a warm-up: its summary keeps it for the bench.
            Json.MAPPER.writeValue(Path.of(outPrefix + "-warmup" + w + ".summary.json").toFile(), s);
        }
        return true;
    }

    /** The measured runs, each when the bench says go. */
    private int measure(CrawlJob job, List<String> seeds, ReusableExecutor substrate, PrintStream control,
                        BufferedReader bench, PrintStream err) throws IOException {
        for (int run = 1; run <= runs; run++) {
            control.println("ready " + run);
            String word = bench.readLine();
            if (word == null || word.equals("stop")) {
                return CrawlCommand.EXIT_OK;
            }
            if (!word.equals("go")) {
                err.println("crawler: bench-session: expected go or stop, got: " + word);
                return CrawlCommand.EXIT_USAGE;
            }
            CrawlSummary s;
            try (ResultSink sink = new JsonLinesSink(Files.newOutputStream(Path.of(outPrefix + "-r" + run + ".jsonl")), true)) {
                s = job.run(seeds, sink, null, c -> { }, substrate::attach);
            }
            Json.MAPPER.writeValue(Path.of(outPrefix + "-r" + run + ".summary.json").toFile(), s);
            control.println("done " + run);
            if (!s.stopReason().equals("COMPLETE")) {
                // The substrate was shut down with work outstanding; no further run can attach.
                return CrawlCommand.EXIT_OK;
            }
        }
        return CrawlCommand.EXIT_OK;
    }
}
