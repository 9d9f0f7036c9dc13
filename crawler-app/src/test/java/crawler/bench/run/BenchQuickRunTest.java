package crawler.bench.run;

import crawler.bench.BenchCommand;

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
 * timings: the chaos crawl survived its killed workers with the ground-truth URL set, every cell
 * of a {@code --target} bench fetched the same URLs, the files were written and {@code --json} is
 * one JSON document on stdout. No assertion on time; the budget is set far
 * above what these grids need so a slow machine cannot skip a cell.
 */
class BenchQuickRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("results.csv", "results.json", "summary.md", "report.html");

    @Test
    void chaosCrawl_survivesKilledWorkers_withTheGroundTruthUrlSet_andWritesTheFiles(@TempDir Path out) throws IOException {
        int exit = new CommandLine(new BenchCommand()).execute("--quick", "-q", "--modes", "process", "--workloads", "chaos",
                "--latency", "50ms", "--kill-worker-every", "20", "--max-time", "40", "--budget", "10m", "--out", out.toString());

        assertThat(exit).isZero();
        for (String name : FILES) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
        JsonNode doc = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(doc.path("runs")).hasSize(1);
        JsonNode chaos = doc.path("runs").get(0);
        assertThat(chaos.path("workload").asText()).isEqualTo("chaos");
        assertThat(chaos.path("status").asText()).as(chaos.toString()).isEqualTo("ok");
        assertThat(chaos.path("errors").asInt()).isZero();
        assertThat(chaos.path("url_count").asInt()).as("the quick preset's chaos crawl: 60 pages").isEqualTo(60);
        assertThat(chaos.path("worker_deaths").asInt()).as("a worker killed after 20 and 40 of 60 results").isGreaterThanOrEqualTo(1);
        // The worker holding the most URLs is killed while 20 more are in flight: it held some of them.
        assertThat(chaos.path("requeued").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(chaos.path("pinning_events").asText()).isEqualTo("n/a");
        assertThat(doc.path("verdicts").get(7).path("outcome").asText()).isEqualTo("SUPPORTED");
        assertThat(Files.readString(out.resolve("results.csv")).lines()).hasSize(2);
    }

    @Test
    void targetRun_json_isOneDocumentOnStdout_everyCellFetchesTheSameUrls_andNoProgressWithoutATerminal(@TempDir Path out) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        int exit;
        String url;
        try (FixtureServer site = FixtureServer.start(SiteSpec.small())) {
            url = site.baseUrl();
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            // No -q: progress must stay off by itself, since stderr is not a terminal here.
            exit = new CommandLine(new BenchCommand()).execute("--target", url, "--depth", "1", "--json",
                    "--modes", "virtual,platform", "--workloads", "io", "--levels", "4", "--repeat", "1",
                    "--max-time", "40", "--budget", "10m", "--out", out.toString());
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }

        assertThat(exit).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("bench: [");
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
        List<JsonNode> runs = StreamSupport.stream(doc.path("runs").spliterator(), false).toList();
        assertThat(runs).extracting(x -> x.path("mode").asText()).containsExactly("virtual", "platform");
        assertThat(runs.get(0).path("pinning_events").isNumber()).as("virtual: a count").isTrue();
        assertThat(runs.get(1).path("pinning_events").asText()).isEqualTo("n/a");
        assertThat(runs).allSatisfy(x -> {
            assertThat(x.path("jdk_version").asText()).isNotBlank();
            assertThat(x.path("jdk_vendor").asText()).isNotBlank();
        });
        for (String name : FILES) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
    }
}
