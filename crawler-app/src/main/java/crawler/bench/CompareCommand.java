package crawler.bench;

import crawler.bench.plan.Contender;
import crawler.bench.plan.Scenario;
import crawler.bench.run.Comparison;
import crawler.bench.run.DirTree;
import crawler.bench.run.Launcher;
import crawler.bench.run.Wget2;
import crawler.bench.run.WholeProcessRun;
import crawler.bench.probe.Machine;
import crawler.bench.render.CompareReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crawler compare}: wget2 and this crawler's three modes crawl the same fixture sites
 * whole, each as a whole process timed from outside, and a Markdown table says how they stand:
 * wall time, CPU, peak memory, requests in flight at the server, and whether each fetched the
 * site's ground truth. The scenarios are issue 12's.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Crawl the same fixture sites with wget2 and with this crawler in each mode, each as a whole process,"
                + " and print a Markdown table: wall time, CPU and peak RSS of the process tree, requests in flight at the"
                + " server, and whether the URL set matched the site's ground truth.",
                "Scenarios: a64 (site A: 2,000 pages, 10 extra links per page, 50 ms, C=64), a256 (site A, C=256),"
                        + " b16 (5,000 pages, no latency, C=16), s64 (site A with 2%% of the pages at 1.5 s, 20 ms otherwise, C=64)."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--scenarios", paramLabel = "LIST", split = ",", defaultValue = "a64,a256,b16,s64",
            description = "which crawls (default: ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--crawlers", paramLabel = "LIST", split = ",", defaultValue = "wget2,virtual,platform,process",
            description = "who crawls (default: ${DEFAULT-VALUE}); wget2 is skipped, saying how to get it, when not on PATH")
    List<String> crawlers;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "crawls per crawler and scenario; medians are shown (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--max-time", paramLabel = "DURATION", defaultValue = "120s", converter = crawler.app.Converters.DurationConverter.class,
            description = "time limit of one crawl, as crawl --max-time takes it: 120, 120s, 2m; a crawl still running is killed with"
                    + " its children (default: ${DEFAULT-VALUE})")
    Duration maxTime;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the Markdown to FILE")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines on stderr")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = System.err;
        List<Scenario> chosen;
        List<Contender> who;
        try {
            chosen = Scenario.parse(scenarios);
            who = crawlers.stream().map(Contender::parse).distinct().toList();
            if (runs < 1 || maxTime.toSeconds() < 1) {
                throw new IllegalArgumentException("--runs must be >= 1 and --max-time at least 1s, were " + runs + " and " + maxTime);
            }
        } catch (IllegalArgumentException e) {
            err.println("crawler: " + e.getMessage());
            return 2;
        }
        Optional<Path> wget2 = Wget2.onPath();
        if (who.contains(Contender.WGET2) && wget2.isEmpty()) {
            err.println("crawler: " + Wget2.HOW_TO_GET);
        }
        Path work = Files.createTempDirectory("crawler-compare-");
        Comparison.Result result;
        try {
            result = new Comparison(chosen, who, runs, wget2, Launcher.find(), maxTime, work,
                    WholeProcessRun.ofThisJvm(), quiet ? line -> { } : line -> err.println("compare: " + line)).run();
        } finally {
            DirTree.delete(work);
        }
        String md = CompareReport.render(result, Machine.current(), LocalDate.now());
        System.out.print(md);
        if (out != null) {
            Files.writeString(out, md, StandardCharsets.UTF_8);
        }
        return result.rows().stream().anyMatch(r -> r.failure() != null && !Wget2.HOW_TO_GET.equals(r.failure())) ? 1 : 0;
    }
}
