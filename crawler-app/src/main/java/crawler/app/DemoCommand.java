package crawler.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import crawler.exec.Mode;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import crawler.report.CrawlSummary;
import crawler.report.JsonLinesSink;
import crawler.report.ResultSink;
import crawler.report.SummaryFormatter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    @Option(names = "--latency", defaultValue = "fixed:20ms",
            description = "fixture response latency: none | fixed:100ms | uniform:a-b | lognormal:m,s (default: ${DEFAULT-VALUE})")
    String latency;

    @Option(names = "--pages", defaultValue = "400", description = "pages in the fixture site (default: ${DEFAULT-VALUE})")
    int pages;

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
            spec = SiteSpec.defaults().withPages(pages).withLatency(Latency.parse(latency));
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
        try (FixtureServer site = FixtureServer.start(spec)) {
            Set<String> expected = new TreeSet<>(site.manifest().reachable(options.depth).keySet());
            out.printf("fixture site %s: %d pages, latency %s; ground truth at depth %d: %d URLs%n%n",
                    site.baseUrl(), spec.pages(), latency, options.depth, expected.size());
            for (Mode mode : Mode.values()) {
                site.resetCounters();
                Set<String> urls = new HashSet<>();
                Path file = outDir.resolve("results-" + name(mode) + ".jsonl");
                CrawlSummary s;
                try (ResultSink sink = new RecordingSink(new JsonLinesSink(Files.newOutputStream(file), true), urls)) {
                    s = new CrawlJob(base.withMode(mode), err).run(List.of(site.manifest().startUrl()), sink, c -> { });
                }
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(outDir.resolve("summary-" + name(mode) + ".json").toFile(), s);
                err.print(SummaryFormatter.format(s));
                summaries.put(mode, s);
                urlSets.put(mode, urls);
            }
            out.print(table(summaries));
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

    static String table(Map<Mode, CrawlSummary> summaries) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %6s %6s %6s %8s %9s %5s %8s%n",
                "mode", "pages", "ok", "failed", "wall s", "pages/s", "pids", "threads"));
        for (Map.Entry<Mode, CrawlSummary> e : summaries.entrySet()) {
            CrawlSummary s = e.getValue();
            int threads = s.threadsPerPid().values().stream().mapToInt(Integer::intValue).sum();
            b.append(String.format(Locale.ROOT, "%-8s %6d %6d %6d %8.2f %9.1f %5d %8d%n", name(e.getKey()), s.pages(),
                    s.ok(), s.failed(), s.wallMillis() / 1000.0, s.pagesPerSecond(), s.pids().size(), threads));
        }
        return b.toString();
    }

    private static String name(Mode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    /** Passes results on and remembers their URLs, to compare modes. */
    private record RecordingSink(ResultSink next, Set<String> urls) implements ResultSink {
        @Override
        public void accept(PageResult result) {
            urls.add(result.url());
            next.accept(result);
        }

        @Override
        public void close() {
            next.close();
        }
    }
}
