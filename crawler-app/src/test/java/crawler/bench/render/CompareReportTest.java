package crawler.bench.render;

import crawler.bench.Samples;
import crawler.bench.plan.Contender;
import crawler.bench.plan.Scenario;
import crawler.bench.run.Comparison;
import crawler.bench.run.Launcher;
import crawler.bench.run.UrlSetMatch;
import crawler.bench.run.Wget2;
import crawler.bench.run.WholeProcessRun;
import crawler.bench.probe.TreeUsage;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison's table on recorded measurements: what each cell says, not how long anything took. */
class CompareReportTest {

    private static final Scenario A = Scenario.issue12().getFirst();
    private static final Set<String> TRUTH = Set.of("/", "/a.html", "/view?id=3&lang=en");

    @Test
    void table_boldsTheFastest_showsMultiplesOfWget2_andEveryFigure() {
        String md = CompareReport.render(result(List.of(
                row(Contender.WGET2, 1, 2000, 1900, 1300, 15_000, 64, Set.of("/robots.txt", "/", "/a.html", "/view?amp;id=3&lang=en")),
                row(Contender.VIRTUAL, 1, 6800, 4400, 10_000, 351_000, 64, TRUTH),
                row(Contender.PROCESS, 1, 9900, 8000, 17_500, 512_000, 60, TRUTH))), Samples.MACHINE, LocalDate.of(2026, 12, 2));

        assertThat(md).startsWith("Measured 2026-12-02 on JDK 25.0.3+9-LTS (Eclipse Adoptium), 2 cores, Linux 6.1.0 amd64; one run per crawl;")
                .contains("| crawl | wget2 | virtual | process (2 workers) |\n|---|---|---|---|\n")
                .contains("| A, C=64: wall s, whole process | **2.00** | 6.80 (3.4x) | 9.90 (5.0x) |\n")
                .contains("| A, C=64: server's first to last request s | 1.90 | 4.40 | 8.00 |\n")
                .contains("| A, C=64: CPU s, process tree | 1.30 | 10.00 | 17.50 |\n")
                .contains("| A, C=64: peak RSS MB, process tree | 15 | 343 | 500 |\n")
                .contains("| A, C=64: peak requests in flight | 64 | 64 | 60 |\n")
                .contains("| A, C=64: URL set | 1 missing, 1 extra | = truth (3) | = truth (3) |\n")
                .contains("- A, C=64, wget2: differs: 1 of 3 pages missing, e.g. /view?id=3&lang=en; 1 extra not in the ground truth,"
                        + " e.g. /view?amp;id=3&lang=en")
                .contains("- wget2: `wget2 -r -l inf --max-threads=C --robots=on", "(GNU Wget2 1.99.1)")
                .contains("- process (2 workers): `./crawler crawl URL --mode process -c C")
                .contains("- A, C=64: 2,000 pages, fan-out 8, 10 extra links per page, latency fixed:50ms; ideal 1.60 s");
    }

    @Test
    void severalRuns_showMedianAndRange_andAMissingWget2SaysHowToGetIt() {
        Comparison.Row absent = new Comparison.Row(A, Contender.WGET2, 1, null, null, Wget2.HOW_TO_GET, 1600);
        String md = CompareReport.render(result(List.of(absent, row(Contender.VIRTUAL, 1, 6000, 5000, 9000, 300_000, 64, TRUTH),
                row(Contender.VIRTUAL, 2, 7000, 5500, 9500, 310_000, 63, TRUTH),
                row(Contender.VIRTUAL, 3, 6500, 5200, 9100, 305_000, 64, TRUTH))), Samples.MACHINE, LocalDate.of(2026, 12, 2));

        assertThat(md).contains("3 runs per crawl, median (min-max)")
                .contains("| A, C=64: wall s, whole process | not installed (apt-get install wget2) | **6.50 (6.00-7.00)** |\n")
                .contains("| A, C=64: URL set | - | = truth (3) |\n");
    }

    @Test
    void aFailedCrawl_isNamed_notTimed() {
        Comparison.Row bad = new Comparison.Row(A, Contender.PLATFORM, 1, measured(1, 3000, 3000, 1000, 100_000, 5, TRUTH),
                UrlSetMatch.of(TRUTH, Set.of("/"), Set.of()), "exited with 1: boom", 1600);
        String md = CompareReport.render(result(List.of(bad)), Samples.MACHINE, LocalDate.of(2026, 12, 2));
        assertThat(md).contains("| A, C=64: wall s, whole process | failed: exited with 1: boom |\n")
                .contains("| A, C=64: CPU s, process tree | - |\n");
    }

    @Test
    void launcher_isFoundFromTheBuildThisJvmRunsFrom() {
        assertThat(Launcher.projectRoot(Path.of("/w/p/crawler-app/target/crawler-app.jar"))).contains(Path.of("/w/p"));
        assertThat(Launcher.projectRoot(Path.of("/w/p/crawler-app/target/classes"))).contains(Path.of("/w/p"));
        assertThat(Launcher.projectRoot(Path.of("/home/u/.m2/repository/x/crawler-app.jar"))).isEmpty();
        assertThat(Launcher.projectRoot(Path.of("/w/p/fixtures/target/classes"))).isEmpty();
    }

    @Test
    void scenarios_areIssue12s_andAnUnknownOneIsNamed() {
        assertThat(Scenario.parse(List.of("a64", "S64"))).extracting(Scenario::concurrency).containsExactly(64, 64);
        assertThat(Scenario.parse(List.of("s64")).getFirst().site().latency())
                .isEqualTo(new Latency.Stragglers(Duration.ofMillis(20), 0.02, Duration.ofMillis(1500)));
        assertThat(Scenario.parse(List.of("b16")).getFirst().site().pages()).isEqualTo(5000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.parse(List.of("c64")))
                .hasMessageContaining("'c64'").hasMessageContaining("a64, a256, b16, s64");
    }

    @Test
    void crawlerCommands_turnPolitenessOff_andKeepRobotsOn() {
        List<String> cmd = Contender.PROCESS.command(null, List.of("./crawler"), "http://localhost:1/", 64, Path.of("/tmp/x"),
                Duration.ofSeconds(120));
        assertThat(String.join(" ", cmd)).isEqualTo("./crawler crawl http://localhost:1/ --mode process --concurrency 64 --workers 2"
                + " --batch-size 16 --depth 1000 --max-pages 0 --cpu-work 0 --host-concurrency 0 --host-delay 0ms --max-time 120000ms"
                + " --url-deadline 60000ms --stall-timeout 120000ms -q --force -o /tmp/x/results.jsonl");
        // Typed: the same options as a record, robots.txt's Crawl-delay obeyed as wget2 obeys it.
        crawler.app.CrawlArgs args = Contender.VIRTUAL.crawlArgs(64, Duration.ofSeconds(120));
        assertThat(args.mode()).isEqualTo(crawler.exec.Mode.VIRTUAL);
        assertThat(args.workers()).isZero();
        assertThat(args.ignoreCrawlDelay()).isFalse();
        assertThat(args.stallTimeout()).isEqualTo(crawler.app.CrawlArgs.DEFAULT_STALL_TIMEOUT);
        assertThat(Contender.WGET2.command(Path.of("/usr/bin/wget2"), List.of(), "http://localhost:1/", 64, Path.of("/tmp/x"),
                Duration.ofSeconds(1))).containsSequence("-r", "-l", "inf", "--max-threads=64", "--robots=on")
                .endsWith("--directory-prefix=/tmp/x/files", "http://localhost:1/");
        assertThat(Contender.parse("Process")).isEqualTo(Contender.PROCESS);
        assertThat(SiteSpec.defaults().faults()).isTrue();
        assertThat(A.site().faults()).as("no fault pages in a speed comparison").isFalse();
        assertThat(A.site().crawlDelaySeconds()).isZero();
    }

    private static Comparison.Result result(List<Comparison.Row> rows) {
        return new Comparison.Result(rows, "GNU Wget2 1.99.1", Launcher.script(Path.of("/w/p/crawler")), 0.05, 90_000);
    }

    private static Comparison.Row row(Contender c, int run, long wall, long busy, long cpu, long rssKb, int inFlight, Set<String> asked) {
        WholeProcessRun.Measured m = measured(c == Contender.WGET2 ? 8 : 0, wall, busy, cpu, rssKb, inFlight, asked);
        return new Comparison.Row(A, c, run, m, UrlSetMatch.of(TRUTH, asked, Set.of()), null, 1600);
    }

    private static WholeProcessRun.Measured measured(int exit, long wall, long busy, long cpu, long rssKb, int inFlight, Set<String> asked) {
        return new WholeProcessRun.Measured(exit, wall, cpu, new TreeUsage(rssKb, rssKb, 10, 1, 1, cpu, 1, 20), inFlight, busy,
                asked.size(), asked, "");
    }
}
