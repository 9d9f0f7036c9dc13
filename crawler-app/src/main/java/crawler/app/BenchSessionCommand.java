package crawler.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import crawler.exec.ReusableExecutor;
import crawler.exec.cluster.ClusterConfig;
import crawler.url.UrlNormalizer;
import crawler.report.CrawlSummary;
import crawler.report.StopReason;
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
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crawler bench-session}, run by {@code bench}, not by people: crawls one or more seed
 * lists ({@link SessionLeg legs}, one per bench cell of one mode) several times each, every leg on
 * a substrate of its own kept warm across its runs, so the bench measures steady-state crawls
 * rather than JVM start-up, and pays that start-up once per mode rather than once per cell. For
 * each leg in turn the substrate (thread pool, or worker JVMs) is built, unmeasured warm-up crawls
 * run on it, then each measured run waits for the bench's word, so the bench can take its
 * process-tree readings exactly around it; then the substrate is closed.
 *
 * <p>The conversation, one line each way per run: this JVM prints {@code ready L N} on stdout
 * (leg L, run N, both from 1); the bench answers {@code go} (crawl it), {@code next} (no more runs
 * of this leg: go on to the next one) or {@code stop} (its time budget is spent: shut down and
 * exit); after the crawl, this JVM prints {@code done L N}. Run N's results and summary go to the
 * leg's {@code PREFIX-rN.jsonl} and {@code PREFIX-rN.summary.json}, warm-up W's summary to
 * {@code PREFIX-warmupW.summary.json}. Logs go to stderr.
 */
@Command(name = "bench-session", hidden = true, sortOptions = false,
        description = "Crawl seed lists repeatedly, each on one warm substrate, paced by the bench (internal).")
final class BenchSessionCommand implements java.util.concurrent.Callable<Integer> {

    /**
     * Built on first use, not when picocli instantiates every command to print {@code --help}:
     * Jackson's set-up is a large share of a short JVM's start.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Option(names = "--legs", paramLabel = "FILE", required = true, description = "the legs, as SessionLeg.write wrote them")
    Path legsFile;

    @Option(names = "--warmups", defaultValue = "1", description = "unmeasured crawls on each leg's substrate before its first run")
    int warmups;

    /** What the bench said to a {@code ready}. */
    private enum Word { GO, NEXT, STOP }

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        List<SessionLeg> legs;
        try {
            legs = SessionLeg.read(legsFile);
        } catch (IOException | IllegalArgumentException e) {
            err.println("crawler: bench-session: cannot read " + legsFile + ": " + e.getMessage());
            return CrawlCommand.EXIT_USAGE;
        }
        if (legs.isEmpty() || warmups < 0) {
            err.println("crawler: bench-session needs at least one leg and --warmups >= 0");
            return CrawlCommand.EXIT_USAGE;
        }
        PrintStream control = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BufferedReader bench = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int l = 1; l <= legs.size(); l++) {
            SessionLeg leg = legs.get(l - 1);
            CrawlSettings settings;
            ClusterConfig cluster;
            SeedList seeds;
            try {
                CrawlOptions options = CrawlOptions.parse(leg.crawl());
                settings = options.toSettings();
                cluster = options.clusterConfig(); // cluster mode's members, one leg's own
                Path seedsFile = Path.of(leg.seeds());
                try (Reader r = Files.newBufferedReader(seedsFile, StandardCharsets.UTF_8)) {
                    seeds = new SeedReader(new UrlNormalizer()).read(seedsFile.toString(), r);
                }
            } catch (IllegalArgumentException | picocli.CommandLine.ParameterException e) {
                err.println("crawler: bench-session leg " + l + ": " + e.getMessage());
                return CrawlCommand.EXIT_USAGE;
            }
            if (!seeds.problems().isEmpty() || seeds.urls().isEmpty()) {
                err.println("crawler: bench-session leg " + l + " needs a clean, non-empty seed file"
                        + (seeds.problems().isEmpty() ? "" : "; bad seed at " + seeds.problems().get(0)));
                return CrawlCommand.EXIT_USAGE;
            }
            CrawlJob job = new CrawlJob(settings, err, cluster);
            Word last;
            try (ReusableExecutor substrate = new ReusableExecutor(job.executorFactory())) {
                if (!warmUp(settings, cluster, leg, seeds.urls(), substrate, err)) {
                    return CrawlCommand.EXIT_FAILED;
                }
                last = measure(l, leg, job, seeds.urls(), substrate, control, bench, err);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                err.println("crawler: bench-session failed: " + e.getMessage());
                return CrawlCommand.EXIT_FAILED;
            }
            if (last == Word.STOP) {
                return CrawlCommand.EXIT_OK;
            }
        }
        return CrawlCommand.EXIT_OK;
    }

    /** The unmeasured crawls, each of the leg's first warm-up pages; false if one did not complete. */
    private boolean warmUp(CrawlSettings settings, ClusterConfig cluster, SessionLeg leg, List<String> seeds, ReusableExecutor substrate,
                           PrintStream err) throws IOException {
        int n = leg.warmupPages();
        List<String> warmupSeeds = n > 0 && n < seeds.size() ? seeds.subList(0, n) : seeds;
        for (int w = 1; w <= warmups; w++) {
            CrawlSummary s = new CrawlJob(settings, new PrintStream(OutputStream.nullOutputStream()), cluster)
                    .run(warmupSeeds, ResultSink.DISCARD, null, c -> { }, substrate::attach);
            if (s.stopReason() != StopReason.COMPLETE) {
                err.println("crawler: warm-up crawl stopped: " + s.stopReason());
                return false;
            }
            // The substrate's start-up (worker spawn to hello) is reported to the first crawl
            // attached, a warm-up: its summary keeps it for the bench.
            Json.MAPPER.writeValue(Path.of(leg.outPrefix() + "-warmup" + w + ".summary.json").toFile(), s);
        }
        return true;
    }

    /** The leg's measured runs, each when the bench says go; the word that ended them. */
    private Word measure(int l, SessionLeg leg, CrawlJob job, List<String> seeds, ReusableExecutor substrate,
                         PrintStream control, BufferedReader bench, PrintStream err) throws IOException {
        for (int run = 1; run <= leg.runs(); run++) {
            control.println("ready " + l + " " + run);
            String word = bench.readLine();
            if (word == null || word.equals("stop")) {
                return Word.STOP;
            }
            if (word.equals("next")) {
                return Word.NEXT;
            }
            if (!word.equals("go")) {
                err.println("crawler: bench-session: expected go, next or stop, got: " + word);
                return Word.STOP;
            }
            CrawlSummary s;
            String prefix = leg.outPrefix() + "-r" + run;
            try (ResultSink sink = new JsonLinesSink(Files.newOutputStream(Path.of(prefix + ".jsonl")), true)) {
                s = job.run(seeds, sink, null, c -> { }, substrate::attach);
            }
            Json.MAPPER.writeValue(Path.of(prefix + ".summary.json").toFile(), s);
            control.println("done " + l + " " + run);
            if (s.stopReason() != StopReason.COMPLETE) {
                // The substrate was shut down with work outstanding; no further run can attach.
                return Word.NEXT;
            }
        }
        return Word.NEXT;
    }
}
