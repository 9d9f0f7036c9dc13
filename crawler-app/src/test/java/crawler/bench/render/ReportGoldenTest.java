package crawler.bench.render;

import crawler.bench.Samples;
import crawler.bench.plan.Substrate;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.judge.JudgedBench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The report builder on recorded measurements: a small fixed input gives the expected table and
 * verdicts. To accept an intended change, run with {@code -Dbench.golden.update=DIR} and copy the
 * written file over the resource after reading the diff.
 */
class ReportGoldenTest {

    @Test
    void textReport_ofFixedMeasurements_matchesGolden() throws IOException {
        String actual = TextReport.render(JudgedBench.of(Samples.small()));
        String update = System.getProperty("bench.golden.update");
        if (update != null) {
            Files.writeString(Path.of(update, "report-golden.txt"), actual);
        }
        assertThat(actual).isEqualTo(golden("report-golden.txt"));
    }

    @Test
    void markdownReport_holdsEveryTableAndTheVerdictTable() {
        String md = MarkdownReport.render(JudgedBench.of(Samples.small()));
        assertThat(md).contains("## I/O-bound: flat page list, fixed latency", "## CPU-bound", "## start-up",
                "### 5. no difference: CPU-bound work fits processes (Python: the GIL); the JVM has no GIL",
                "![claim 5 chart](claim-5.svg)", "[results.csv](results.csv)", "*Rule:* CPU work with no network",
                "## fault isolation: worker JVMs killed mid-crawl",
                "### 8. supported: one thread's failure can take down the process; processes are isolated");
    }

    @Test
    void textReport_saysOnce_whenTheBudgetCutEveryCellShortAlike() {
        java.util.List<CellResult> cells = java.util.List.of(
                Samples.cell(Samples.io(Substrate.VIRTUAL, 10, 50), new long[] {520}, Samples.usage(110, 130, 30, 8000, 3000, 1), 1, 10, java.util.List.of()),
                Samples.cell(Samples.io(Substrate.PLATFORM, 10, 50), new long[] {530}, Samples.usage(108, 128, 40, 7000, 2900, 1), 1, 10, java.util.List.of()));
        BenchResult r = new BenchResult(Samples.MACHINE, BenchResult.FIXTURE_SITE, 3, 1, Samples.UNITS, java.util.List.of(), cells, 0.1, 170_000,
                java.time.Duration.ofMinutes(3));
        assertThat(TextReport.render(JudgedBench.of(r))).contains("\n  every cell ran 1 of 3 runs: the budget ran out\n")
                .doesNotContain("virtual c=10: 1 of 3");
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ReportGoldenTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
