package crawler.bench.render;

import crawler.bench.Samples;
import crawler.bench.run.Wget2;
import crawler.bench.judge.JudgedBench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void htmlReport_isSelfContained_withFourChartsAndTheVerdicts() throws IOException {
        String html = HtmlReport.render(JudgedBench.of(Samples.small()));
        // Written to the build folder so a person (or a headless browser) can look at it.
        Files.writeString(Path.of("target", "bench-sample-report.html"), html);
        assertThat(count(html, "<svg ")).as("four overview charts and one per claim").isEqualTo(12);
        assertThat(count(html, "class=\"error-bar\"")).as("min-max of repeated runs").isPositive();
        assertThat(html).contains("<a href=\"results.csv\">results.csv</a>", "<a href=\"results.json\">results.json</a>",
                "7: one hand-off (switch)");
        assertThat(html).contains("I/O-bound throughput", "Peak memory, I/O-bound", "CPU-bound speed-up over one unit",
                "Start-up cost of one unit", "<span class=\"label\">no difference</span>", "10,000 platform threads: above --max-platform-threads");
        assertThat(html).as("the reference line in the throughput chart and its rows in the table")
                .contains("wget2 (native C)", "wget2         10", "GNU Wget2 1.99.1, a native C crawler on the same site");
        // No script and nothing fetched: the only URL is the SVG namespace.
        assertThat(count(html, "<section class=\"claim ")).as("one block per claim, its chart beside its verdict").isEqualTo(8);
        assertThat(html).doesNotContain("<script", "<link", "src=");
        Matcher urls = Pattern.compile("https?://[^\"\\s<]+").matcher(html);
        while (urls.find()) {
            assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
        }
    }

    @Test
    void chart_withoutData_saysSoInsteadOfDrawingAxes() {
        String svg = SvgChart.lines("empty", "x", "y", true, false, java.util.List.of()).svg();
        assertThat(svg).contains("no data in this run").doesNotContain("<path");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
