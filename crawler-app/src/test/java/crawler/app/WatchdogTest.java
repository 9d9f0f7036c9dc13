package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task that hangs past every timeout the crawl has (chaos {@code hang-at}: stuck where neither the
 * read timeout nor the URL deadline reaches): after the stall timeout, which is longer than the URL
 * deadline, the watchdog names the URL and who holds it and hands out that URL alone again, its
 * attempt cancelled. In process mode the worker holding it is asked to cancel it and, answering,
 * is not killed: no other URL is fetched twice.
 */
class WatchdogTest {

    /** No faults: every page is requested once, so "nothing else fetched again" is exact. */
    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small().withFaults(false));

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "platform", "process"})
    void hangingTask_isCancelledAndHandedOutAgain_aloneAndOnce(String mode) throws Exception {
        FixtureServer site = SITE.server();
        site.resetCounters();
        Path out = dir.resolve("results.jsonl");
        // Longer than the deadline, as it must be. A replacement worker's start-up would not count as a stall.
        String stall = mode.equals("process") ? "6s" : "3s";
        // Task 2 of the process (1 worker in process mode) hangs: a page of depth 1, while others run beside it.
        int code = Main.commandLine().execute("crawl", site.manifest().startUrl(), "--mode", mode,
                "--workers", "1", "-c", "4", "--depth", "1", "--ignore-robots", "--host-delay", "0ms",
                "--host-concurrency", "0", "--chaos", "hang-at=2", "--url-deadline", "2s", "--stall-timeout", stall,
                "-q", "-o", out.toString());

        String log = stderr.text();
        assertThat(code).as(log).isZero();
        Map<String, JsonNode> byUrl = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out)) {
            JsonNode node = json.readTree(line);
            assertThat(byUrl.put(node.get("url").asText(), node)).as("one line per URL").isNull();
        }
        // With robots.txt ignored, the pages it disallows are crawled as well.
        assertThat(byUrl.keySet()).containsAll(site.manifest().reachable(1).keySet());
        assertThat(byUrl.values()).allSatisfy(n -> assertThat(n.get("error").isNull()).as(log).isTrue());
        for (String url : byUrl.keySet()) {
            // The hung attempt never reached the server: cancelled first. No other URL went out twice.
            assertThat(site.requestCount(url)).as("requests for %s; log:%n%s", url, log).isEqualTo(1);
        }

        String holder = switch (mode) {
            case "virtual" -> "held by thread fetch-v-";
            case "platform" -> "held by thread fetch-p-";
            default -> "held by worker 1 \\(pid \\d+\\)";
        };
        assertThat(log).contains("crawler: watchdog: no result for " + (mode.equals("process") ? "6000" : "3000")
                        + " ms; ").containsPattern(holder)
                .contains("crawler: watchdog: handed 1 of 1 stuck URLs out again (once)")
                .doesNotContain("SIGKILL").doesNotContain("giving up").contains("crawl complete");
        if (mode.equals("process")) {
            assertThat(log).containsPattern("asked worker 1 \\(pid \\d+\\) to cancel 1 stuck URL")
                    .doesNotContain("exited with");
        }
    }
}
