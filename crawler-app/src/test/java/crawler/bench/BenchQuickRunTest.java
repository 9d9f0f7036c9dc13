package crawler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.SiteSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real benches on tiny grids: child JVMs crawl a fixture site. Checks what must hold whatever the
 * timings: every cell ran, every run fetched the same URL set of the planned size, the chaos
 * crawl survived its killed workers with the ground-truth URL set, the files were written and
 * {@code --json} is one JSON document on stdout. No assertion on time; the budget is set far
 * above what these grids need so a slow machine cannot skip a cell.
 */
class BenchQuickRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("results.csv", "results.json", "summary.md", "report.html");

    @Test
    void quickRun_tinyGrid_everyIoCellFetchesTheSameUrls_chaosSurvives_andWritesTheFiles(@TempDir Path out) throws IOException {
        int exit = new CommandLine(new BenchCommand()).execute("--quick", "-q", "--modes", "virtual,process",
                "--workloads", "io,chaos", "--levels", "10", "--latency", "50", "--min-pages", "60", "--max-pages", "60",
                "--kill-worker-every", "50", "--max-time", "40", "--budget", "10m", "--out", out.toString());

        assertThat(exit).isZero();
        for (String name : FILES) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
        JsonNode doc = JSON.readTree(out.resolve("results.json").toFile());
        List<JsonNode> runs = StreamSupport.stream(doc.path("runs").spliterator(), false).toList();
        assertThat(runs).extracting(r -> r.path("workload").asText() + " " + r.path("mode").asText())
                .containsExactly("io virtual", "io process", "chaos process");
        Set<String> ioUrlSets = new HashSet<>();
        for (JsonNode run : runs) {
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("ok");
            assertThat(run.path("errors").asInt()).as(run.toString()).isZero();
            assertThat(run.path("jdk_version").asText()).isNotBlank();
            assertThat(run.path("jdk_vendor").asText()).isNotBlank();
            if (run.path("workload").asText().equals("io")) {
                assertThat(run.path("url_count").asInt()).isEqualTo(60);
                ioUrlSets.add(run.path("url_set").asText());
            }
        }
        assertThat(ioUrlSets).as("both modes fetched one and the same URL set").hasSize(1);
        assertThat(runs.get(0).path("pinning_events").isNumber()).as("virtual: a count").isTrue();
        assertThat(runs.get(1).path("pinning_events").asText()).isEqualTo("n/a");

        JsonNode chaos = runs.get(2);
        assertThat(chaos.path("url_count").asInt()).as("the quick preset's chaos crawl: 150 pages").isEqualTo(150);
        assertThat(chaos.path("worker_deaths").asInt()).as("a worker killed after 50 and 100 results").isGreaterThanOrEqualTo(1);
        assertThat(chaos.path("requeued").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(doc.path("verdicts").get(7).path("outcome").asText()).isEqualTo("SUPPORTED");
        assertThat(Files.readString(out.resolve("results.csv")).lines()).hasSize(4);
    }

    @Test
    void targetRun_json_isOneDocumentOnStdout_andEveryCellFetchesTheSameUrlCount(@TempDir Path out) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        String url;
        try (FixtureServer site = FixtureServer.start(SiteSpec.small())) {
            url = site.baseUrl();
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new BenchCommand()).execute("--target", url, "--depth", "1", "--json", "-q",
                    "--modes", "virtual,platform", "--workloads", "io", "--levels", "4", "--repeat", "1", "--no-pinning",
                    "--max-time", "40", "--budget", "10m", "--out", out.toString());
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        JsonNode doc = JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
        assertThat(doc.fieldNames()).toIterable().contains("machine", "target", "repeats", "budgetSeconds", "cells",
                "verdicts", "runs");
        assertThat(doc.path("machine").path("jdkVersion").asText()).isNotBlank();
        assertThat(doc.path("target").asText()).isEqualTo(url);
        JsonNode io = StreamSupport.stream(doc.path("runs").spliterator(), false)
                .filter(r -> r.path("workload").asText().equals("io")).reduce((a, b) -> {
                    assertThat(b.path("url_count").asInt()).as("same URL count in every I/O cell").isEqualTo(a.path("url_count").asInt());
                    assertThat(b.path("url_set").asText()).isEqualTo(a.path("url_set").asText());
                    return b;
                }).orElseThrow();
        assertThat(io.path("url_count").asInt()).as("the root page and the pages it links to").isGreaterThan(1);
        assertThat(doc.path("cells")).allSatisfy(c -> assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("ok"));
        assertThat(doc.path("cells")).hasSize(2);
        for (String name : FILES) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
    }
}
