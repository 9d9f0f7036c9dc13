package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl that asks for more sockets than its file-descriptor limit allows ({@code ulimit -n 200},
 * 400 virtual threads, a slow site so the connections are open at once), run in a child JVM that
 * has that limit: it completes, the URLs that could not get a socket are RESOURCE_LIMIT results,
 * every URL has exactly one line, and the user is told once, naming the limit.
 */
class FileDescriptorLimitTest {

    private static final int DEPTH = 2;
    private static final int FD_LIMIT = 200;

    /** Fanout 50: 50 pages on level 1, 449 on level 2, each answered after 300 ms. */
    @RegisterExtension
    static final FixtureSiteExtension SITE =
            new FixtureSiteExtension(SiteSpec.wide(500, new Latency.Fixed(Duration.ofMillis(300))));

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @TempDir
    Path dir;

    @Test
    void outOfFileDescriptors_degradesTheCrawl_withOneClearMessage() throws Exception {
        FixtureServer site = SITE.server();
        Path out = dir.resolve("results.jsonl");
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + FD_LIMIT + " && exec \"$@\"",
                "bash"));
        command.addAll(ChildCrawl.javaCommand(List.of("crawl", site.manifest().startUrl(), "--mode", "virtual",
                "-c", "400", "--depth", String.valueOf(DEPTH), "--host-concurrency", "0", "--host-delay", "0ms",
                "--batch-size", "400", "-q", "-o", out.toString())));
        ChildCrawl child = ChildCrawl.startCommand(command, dir.resolve("stderr.txt"));

        int code = child.awaitExit(Duration.ofMinutes(2));
        String stderr = child.stderrText();

        assertThat(code).as(stderr).isZero();
        Map<String, String> kinds = new HashMap<>();
        List<String> otherFailures = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out)) {
            JsonNode r = json.readTree(line);
            String kind = r.get("error").isNull() ? "ok" : r.get("error").get("kind").asText();
            assertThat(kinds.put(r.get("url").asText(), kind)).as("one line per URL").isNull();
            if (!kind.equals("ok") && !kind.equals("RESOURCE_LIMIT") && otherFailures.size() < 3) {
                otherFailures.add(r.get("error").toString());
            }
        }
        assertThat(kinds.keySet()).isEqualTo(new HashSet<>(site.manifest().reachable(DEPTH).keySet()));
        assertThat(kinds.values()).as(stderr + otherFailures).contains("RESOURCE_LIMIT", "ok").containsOnly("RESOURCE_LIMIT", "ok");
        String notice = "crawler: out of file descriptors (too many open files); raise the limit with `ulimit -n`"
                + " (soft limit now " + FD_LIMIT + ") or lower --concurrency";
        assertThat(stderr.split(java.util.regex.Pattern.quote(notice), -1)).as(stderr).hasSize(2);
        assertThat(stderr).contains("crawl complete").contains("resource_limit=");
    }
}
