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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fetch that hangs past every timeout the crawl would wait for (a server that accepts and never
 * answers, read timeout and per-URL deadline of minutes): the watchdog names the URL and who holds
 * it after the stall timeout, hands it out again once, then records it as STALLED, and the crawl
 * completes with every other page.
 */
class WatchdogTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @TempDir
    Path dir;

    private final SilentServer silent = new SilentServer();

    @AfterEach
    void closeSilentServer() throws Exception {
        silent.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "platform", "process"})
    void hangingFetch_isHandedOutAgainOnce_thenRecordedAsStalled(String mode) throws Exception {
        FixtureServer site = SITE.server();
        Path out = dir.resolve("results.jsonl");
        // Long enough for a cold JVM's first fetch to connect (a fresh worker JVM on a loaded machine needs
        // seconds), short enough for a test. A replacement worker's start-up does not count as a stall.
        String stall = mode.equals("process") ? "6s" : "3s";
        int code = Main.commandLine().execute("crawl", silent.url(), site.manifest().startUrl(), "--mode", mode,
                "--workers", "2", "-c", "4", "--depth", "0", "--ignore-robots", "--host-delay", "0ms",
                "--stall-timeout", stall, "--read-timeout", "5m", "--call-timeout", "5m", "--url-deadline", "10m",
                "-q", "-o", out.toString());

        String log = stderr.text();
        assertThat(code).as(log).isZero();
        Map<String, JsonNode> byUrl = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out)) {
            JsonNode node = json.readTree(line);
            assertThat(byUrl.put(node.get("url").asText(), node)).as("one line per URL").isNull();
        }
        assertThat(byUrl).containsOnlyKeys(silent.url(), site.manifest().startUrl());
        assertThat(byUrl.get(site.manifest().startUrl()).get("error").isNull()).as(log).isTrue();
        assertThat(byUrl.get(silent.url()).get("error").get("kind").asText()).isEqualTo("STALLED");
        assertThat(silent.accepted()).as("first attempt, and the one re-hand; log:\n%s", log).isEqualTo(2);

        String holder = switch (mode) {
            case "virtual" -> "held by thread fetch-v-";
            case "platform" -> "held by thread fetch-p-";
            default -> "held by worker [12] \\(pid \\d+\\)";
        };
        if (mode.equals("process")) {
            // The ledger knows which worker holds the URL: only that one is killed for the re-hand.
            assertThat(log).containsPattern("process executor: watchdog: SIGKILL worker [12] \\(pid \\d+\\), which holds stuck URLs");
        }
        // The start page is normally done long before the first stall; on a very busy machine it may be
        // named (and re-handed) too, which changes the counts but not the outcome.
        assertThat(log).contains("crawler: watchdog: no result for " + (mode.equals("process") ? "6000" : "3000")
                        + " ms; ")
                .contains("crawler:   " + silent.url() + " (in flight ").containsPattern(holder)
                .containsPattern("crawler: watchdog: handed [12] of [12] stuck URLs out again \\(once\\)")
                .contains("crawler: watchdog: giving up on 1 URLs stuck twice")
                .contains("stalled=1").contains("crawl complete");
    }
}
