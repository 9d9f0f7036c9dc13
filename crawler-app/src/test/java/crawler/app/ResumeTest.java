package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crawl cut off mid-write (what kill -9 leaves: whole lines and one torn line) and then resumed
 * ends with every ground-truth URL exactly once, and does not fetch the recorded pages again.
 */
class ResumeTest {

    private static final int DEPTH = 3;

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    private int crawl(FixtureServer site, Path out, String mode, String... extra) {
        List<String> args = new ArrayList<>(List.of("crawl", site.manifest().startUrl(), "--mode", mode, "-c", "8",
                "--depth", String.valueOf(DEPTH), "--host-concurrency", "0", "--host-delay", "0ms",
                "--ignore-crawl-delay", "-q", "-o", out.toString()));
        args.addAll(List.of(extra));
        return Main.commandLine().execute(args.toArray(String[]::new));
    }

    private static List<String> urls(Path file) throws Exception {
        return field(Files.readAllLines(file), "url");
    }

    private static List<String> field(List<String> lines, String name) throws Exception {
        ObjectMapper m = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            values.add(m.readTree(line).get(name).asText());
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "process"})
    void resumedCrawl_endsWithEveryUrlOnce_withoutRefetchingRecordedPages(String mode) throws Exception {
        FixtureServer site = SITE.server();
        Path full = dir.resolve("full.jsonl");
        assertThat(crawl(site, full, mode)).isZero();
        List<String> lines = Files.readAllLines(full);

        // What kill -9 in the middle of a crawl leaves: the first whole lines and half of the next.
        int kept = lines.size() / 2;
        Path cut = dir.resolve("cut.jsonl");
        String torn = lines.get(kept).substring(0, lines.get(kept).length() / 2);
        Files.writeString(cut, String.join("\n", lines.subList(0, kept)) + "\n" + torn);
        List<String> recorded = urls(dir.resolve("full.jsonl")).subList(0, kept);

        site.resetCounters();
        // Transient failures (5xx, empty response) would be tried again by default: this test is
        // about what is recorded staying recorded; ResumeRetryTest covers the retry.
        assertThat(crawl(site, cut, mode, "--resume", "--no-retry-failed")).isZero();

        List<String> resumed = urls(cut);
        assertThat(resumed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(resumed)).isEqualTo(site.manifest().reachable(DEPTH).keySet());
        assertThat(resumed.subList(0, kept)).isEqualTo(recorded);
        // A redirect fetched after the resume may land on a recorded page; only direct re-fetches count.
        List<String> redirectTargets = field(lines.subList(kept, lines.size()), "finalUrl");
        for (String url : recorded) {
            if (!redirectTargets.contains(url)) {
                assertThat(site.requestCount(url)).as("recorded page %s fetched again", url).isZero();
            }
        }
        assertThat(stderr.text()).contains("torn last line").contains("resumed: " + kept);
    }
}
