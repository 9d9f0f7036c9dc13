package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's answers: to bad input a clear message, exit code 2, nothing crawled or
 * overwritten; to a crawl, an exit code from the documented table.
 */
class CrawlCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    private int run(String... args) {
        return Main.commandLine().execute(args);
    }


    @Test
    void strictMode_stopsOnABadSeedLine_namingFileAndLine() throws Exception {
        Path seeds = dir.resolve("seeds.txt");
        Files.writeString(seeds, "# seeds\nhttp://localhost:1/\nnot-a-url\n");
        int code = run("crawl", "--strict", "--seeds", seeds.toString(), "-o", dir.resolve("out.jsonl").toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr.text()).contains(seeds + ":3").contains("not-a-url");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void noUsableSeed_exitsWithUsage() throws Exception {
        Path seeds = dir.resolve("seeds.txt");
        Files.writeString(seeds, "ftp://example.org/\n\n# nothing else\n");
        int code = run("crawl", "--seeds", seeds.toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr.text()).contains(seeds + ":1").contains("no seed URLs given");
    }

    @Test
    void existingOutputFile_isNotOverwritten_withoutForce() throws Exception {
        Path out = dir.resolve("results.jsonl");
        Files.writeString(out, "precious\n");
        int code = run("crawl", "http://localhost:1/", "-o", out.toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr.text()).contains("--force");
        assertThat(Files.readString(out)).isEqualTo("precious\n");
    }

    @Test
    void existingSummaryFile_isNotOverwritten_withoutForce() throws Exception {
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, "precious\n");
        int code = run("crawl", "http://localhost:1/", "-q", "--summary", summary.toString(),
                "-o", dir.resolve("out.jsonl").toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr.text()).contains("--summary " + summary + " exists").contains("--force");
        assertThat(Files.readString(summary)).isEqualTo("precious\n");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void summaryNamingTheOutFile_isRefused_evenWithForce() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "precious\n");
        int code = run("crawl", "http://localhost:1/", "-q", "--force", "--summary",
                dir.resolve(".").resolve("out.jsonl").toString(), "-o", out.toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr.text()).contains("names the --out file");
        assertThat(Files.readString(out)).isEqualTo("precious\n");
    }

    @Test
    void invalidSettings_areRejected_namingTheValue() {
        int code = run("crawl", "http://localhost:1/", "--mode", "process", "--workers", "4", "--concurrency", "2");
        assertThat(code).isEqualTo(2);
        assertThat(stderr.text()).contains("--concurrency (2)").contains("--workers (4)");
    }

    @Test
    void stallTimeoutNotLongerThanUrlDeadline_isAUsageError_namingBoth() {
        int code = run("crawl", "http://localhost:1/", "--url-deadline", "10s", "--stall-timeout", "10s");
        assertThat(code).isEqualTo(2);
        assertThat(stderr.text()).contains("--stall-timeout (10000 ms) must be longer than --url-deadline (10000 ms)");
    }

    @Test
    void stallTimeout_defaultsToTwiceTheUrlDeadline() {
        assertThat(CrawlOptions.stallTimeout(java.time.Duration.ofSeconds(7), null))
                .isEqualTo(java.time.Duration.ofSeconds(14));
        assertThat(CrawlOptions.stallTimeout(java.time.Duration.ofSeconds(60), null))
                .as("the default deadline's").isEqualTo(java.time.Duration.ofSeconds(120));
    }

    @Test
    void chaosOutsideProcessMode_isRejected() {
        int code = run("crawl", "http://localhost:1/", "--chaos", "kill-worker=3");
        assertThat(code).isEqualTo(2);
        assertThat(stderr.text()).contains("--mode process");
    }

    @Test
    void refusedConnection_becomesAResultWithItsKind_andTheCrawlCompletes() throws Exception {
        Path out = dir.resolve("results.jsonl");
        int code = run("crawl", "http://127.0.0.1:1/", "--ignore-robots", "-o", out.toString());
        assertThat(code).as("no page could be fetched").isEqualTo(3);
        assertThat(Files.readAllLines(out)).singleElement().satisfies(line -> assertThat(line)
                .contains("\"url\":\"http://127.0.0.1:1/\"").contains("\"kind\":\"CONNECT\""));
        assertThat(stderr.text()).contains("crawl complete").contains("connect=1").contains("robots.txt was IGNORED");
    }

    @Test
    void unreachableRobotsTxt_givesTheSeedAFailedResult_withoutRequestingIt() throws Exception {
        Path out = dir.resolve("results.jsonl");
        int code = run("crawl", "http://127.0.0.1:1/", "http://127.0.0.1:1/other", "-o", out.toString());
        assertThat(code).as("no page could be fetched").isEqualTo(3);
        // Both URLs get one line each, with the robots.txt failure's kind and a message naming robots.txt.
        assertThat(Files.readAllLines(out)).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\"kind\":\"CONNECT\"").contains("robots.txt http://127.0.0.1:1/robots.txt could not be read")
                .contains("\"attempts\":0"));
        assertThat(stderr.text()).contains("seed http://127.0.0.1:1/: robots.txt could not be read; recorded as failed")
                .contains("connect=2");
    }

    @Test
    void somePagesFailing_exitsZero_orFourWithFailOnPageErrors() throws Exception {
        String ok = SITE.server().manifest().startUrl();
        String reset = SITE.server().url(FaultPage.CONNECTION_RESET.path());
        String[] crawl = {"crawl", ok, reset, "--depth", "0", "--host-concurrency", "0", "--host-delay", "0", "-q"};

        assertThat(run(with(crawl, "-o", dir.resolve("a.jsonl").toString()))).isZero();
        assertThat(run(with(crawl, "-o", dir.resolve("b.jsonl").toString(), "--fail-on-page-errors"))).isEqualTo(4);
        assertThat(Files.readAllLines(dir.resolve("b.jsonl"))).hasSize(2);
    }

    @Test
    void helpText_listsTheExitCodes() {
        picocli.CommandLine cli = Main.commandLine();
        java.io.StringWriter help = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(help));
        assertThat(cli.execute("crawl", "--help")).isZero();
        assertThat(help.toString()).contains("Exit codes:").contains("130").contains("--fail-on-page-errors");
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
