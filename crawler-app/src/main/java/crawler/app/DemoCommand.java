package crawler.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import crawler.exec.Mode;
import crawler.exec.ReusableExecutor;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import crawler.report.CrawlSummary;
import crawler.report.IdealTime;
import crawler.report.JsonLinesSink;
import crawler.report.ResultSink;
import crawler.report.SummaryFormatter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crawler demo}: start the embedded fixture site, crawl it in all three modes with the
 * same settings, and show side by side what each did, checked against the site's ground truth.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Crawl the embedded fixture site in virtual, platform and process mode and compare.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--latency", paramLabel = "LATENCY", defaultValue = "fixed:20ms", converter = Converters.LatencyConverter.class,
            description = "fixture response latency: a duration (20ms: fixed) or none | fixed:100ms | uniform:50ms-150ms |"
                    + " lognormal:80ms,0.3 | stragglers:20ms,2%%,1500ms (default: ${DEFAULT-VALUE})")
    Latency latency;

    @Option(names = "--pages", defaultValue = "400", description = "pages in the fixture site (default: ${DEFAULT-VALUE})")
    int pages;

    @Option(names = "--no-faults", description = "leave the fault pages out of the site")
    boolean noFaults;

    @Option(names = "--flat",
            description = "crawl the site's page list (its sitemap) as seeds at depth 0 instead of following links:"
                    + " one level, so the ideal time is exact")
    boolean flat;

    @Option(names = "--out-dir", defaultValue = "crawl-demo",
            description = "where results-<mode>.jsonl and summary-<mode>.json go (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Mixin
    CrawlOptions options;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        SiteSpec spec;
        try {
            spec = SiteSpec.defaults().withPages(pages).withLatency(latency).withFaults(!noFaults);
        } catch (IllegalArgumentException e) {
            err.println("crawler: " + e.getMessage());
            return CrawlCommand.EXIT_USAGE;
        }
        // The demo crawls its own site: per-host politeness would only measure the delay we chose.
        options.hostConcurrency = 0;
        options.hostDelay = Duration.ZERO;
        options.ignoreCrawlDelay = true;
        CrawlSettings base;
        try {
            base = options.toSettings();
        } catch (IllegalArgumentException e) {
            err.println("crawler: " + e.getMessage());
            return CrawlCommand.EXIT_USAGE;
        }
        Files.createDirectories(outDir);
        Map<Mode, CrawlSummary> summaries = new LinkedHashMap<>();
        Map<Mode, Set<String>> urlSets = new LinkedHashMap<>();
        Map<Mode, Integer> levels = new LinkedHashMap<>();
        try (FixtureServer site = FixtureServer.start(spec)) {
            List<String> seeds = flat ? site.manifest().sitemapUrls() : List.of(site.manifest().startUrl());
            Set<String> expected = new TreeSet<>(flat ? seeds : site.manifest().reachable(options.depth).keySet());
            out.printf("fixture site %s: %d pages, latency %s; %s: %d URLs expected%n%n", site.baseUrl(), spec.pages(),
                    latency, flat ? "flat list of every page" : "links followed to depth " + options.depth, expected.size());
            for (Mode mode : Mode.values()) {
                CrawlSettings.Builder b = base.toBuilder().mode(mode);
                CrawlSettings settings = (flat ? b.maxDepth(0) : b).build();
                CrawlJob job = new CrawlJob(settings, err);
                Set<String> urls = new HashSet<>();
                int[] maxDepth = {0};
                Path file = outDir.resolve("results-" + name(mode) + ".jsonl");
                CrawlSummary s;
                // Every mode is measured on a warm substrate: one unmeasured crawl of the same site
                // first, on the same threads or the same worker processes. Otherwise the thread modes
                // would run JIT-compiled code while process mode's new workers interpreted theirs.
                try (ReusableExecutor substrate = new ReusableExecutor(job.executorFactory())) {
                    CrawlSummary warmUp = new CrawlJob(settings, new PrintStream(OutputStream.nullOutputStream()))
                            .run(seeds, ResultSink.DISCARD, null, c -> { }, substrate::attach);
                    if (!warmUp.workerStartupMillis().isEmpty() && mode == Mode.CLUSTER) {
                        err.printf("%s: member started in this JVM for the warm-up crawl in %s ms%n", name(mode),
                                warmUp.workerStartupMillis());
                    } else if (!warmUp.workerStartupMillis().isEmpty()) {
                        err.printf("%s: workers started for the warm-up crawl in %s ms (spawn to hello)%n", name(mode),
                                warmUp.workerStartupMillis());
                    }
                    site.resetCounters();
                    try (ResultSink sink = new RecordingSink(new JsonLinesSink(Files.newOutputStream(file), true), urls,
                            maxDepth)) {
                        s = job.run(seeds, sink, null, c -> { }, substrate::attach);
                    }
                }
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(outDir.resolve("summary-" + name(mode) + ".json").toFile(), s);
                err.print(SummaryFormatter.format(s));
                summaries.put(mode, s);
                levels.put(mode, maxDepth[0] + 1);
                urlSets.put(mode, urls);
            }
            out.print(table(summaries, levels, spec.faults() ? null : spec.latency()));
            if (spec.faults()) {
                out.println("(efficiency needs every response to take the same time: run with --no-faults and a fixed latency)");
            }
            out.println();
            boolean allMatch = true;
            for (Map.Entry<Mode, Set<String>> e : urlSets.entrySet()) {
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(e.getValue());
                Set<String> extra = new TreeSet<>(e.getValue());
                extra.removeAll(expected);
                boolean match = missing.isEmpty() && extra.isEmpty();
                allMatch &= match;
                out.printf("%-8s URL set %s the ground truth%s%n", name(e.getKey()), match ? "equals" : "DIFFERS from",
                        match ? "" : " (missing " + missing.size() + ", extra " + extra.size() + ")");
            }
            out.println("results and summaries: " + outDir.toAbsolutePath());
            return allMatch ? 0 : 1;
        }
    }

    /**
     * The side-by-side table; efficiency only where every response has the same latency (pass
     * null when it has not: fault pages retry and dribble).
     */
    static String table(Map<Mode, CrawlSummary> summaries, Map<Mode, Integer> levels, Latency latency) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %6s %6s %6s %8s %9s %8s %10s %5s %8s%n",
                "mode", "pages", "ok", "failed", "wall s", "pages/s", "ideal s", "efficiency", "pids", "threads"));
        for (Map.Entry<Mode, CrawlSummary> e : summaries.entrySet()) {
            CrawlSummary s = e.getValue();
            int threads = s.threadsPerPid().values().stream().mapToInt(Integer::intValue).sum();
            String ideal = "n/a";
            String efficiency = "n/a";
            if (latency instanceof Latency.Fixed fixed) {
                Duration d = IdealTime.of(s.pages(), s.concurrency(), levels.get(e.getKey()), fixed.d());
                ideal = String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0);
                efficiency = String.format(Locale.ROOT, "%.2f", IdealTime.efficiency(d, s.wallMillis()));
            }
            b.append(String.format(Locale.ROOT, "%-8s %6d %6d %6d %8.2f %9.1f %8s %10s %5d %8d%n", name(e.getKey()),
                    s.pages(), s.ok(), s.failed(), s.wallMillis() / 1000.0, s.pagesPerSecond(), ideal, efficiency,
                    s.pids().size(), threads));
        }
        return b.toString();
    }

    private static String name(Mode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    /** Passes results on and remembers their URLs, to compare modes. */
    private record RecordingSink(ResultSink next, Set<String> urls, int[] maxDepth) implements ResultSink {
        @Override
        public void accept(PageResult result) {
            urls.add(result.url());
            maxDepth[0] = Math.max(maxDepth[0], result.depth());
            next.accept(result);
        }

        @Override
        public void close() {
            next.close();
        }
    }
}
