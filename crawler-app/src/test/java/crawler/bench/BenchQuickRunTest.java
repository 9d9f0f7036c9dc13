package crawler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real {@code bench --quick} on a tiny grid: child JVMs crawl the embedded fixture site. Checks
 * what must hold whatever the timings: every cell ran, every run fetched the same URL set of the
 * planned size, and the four files were written. No assertion on time.
 */
class BenchQuickRunTest {

    @Test
    void quickRun_tinyGrid_everyCellFetchesTheSameUrls_andWritesTheFiles(@TempDir Path out) throws IOException {
        int exit = new CommandLine(new BenchCommand()).execute("--quick", "-q", "--modes", "virtual,platform",
                "--workloads", "io", "--levels", "10", "--latency", "50", "--min-pages", "100", "--max-pages", "100",
                "--max-time", "40", "--out", out.toString());

        assertThat(exit).isZero();
        for (String name : new String[] {"results.csv", "results.json", "summary.md", "report.html"}) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
        JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode runs = doc.path("runs");
        assertThat(runs).hasSize(2);
        Set<String> urlSets = new HashSet<>();
        Set<String> modes = new HashSet<>();
        for (JsonNode run : runs) {
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("ok");
            assertThat(run.path("url_count").asInt()).isEqualTo(100);
            assertThat(run.path("pages").asInt()).isEqualTo(100);
            assertThat(run.path("errors").asInt()).isZero();
            assertThat(run.path("cores").asInt()).isPositive();
            assertThat(run.path("jdk_version").asText()).isNotBlank();
            urlSets.add(run.path("url_set").asText());
            modes.add(run.path("mode").asText());
        }
        assertThat(modes).containsExactlyInAnyOrder("virtual", "platform");
        assertThat(urlSets).as("both modes fetched one and the same URL set").hasSize(1);
        assertThat(Files.readString(out.resolve("results.csv")).lines()).hasSize(3);
        assertThat(doc.path("verdicts")).hasSize(8);
    }
}
