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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed crawl tries a journaled transient failure (here the fixture site's 500 page) once
 * more, appending the new attempt's line; a second resume leaves it; {@code --no-retry-failed}
 * keeps it from the start. A permanent failure (a 404) is never tried again.
 */
class ResumeRetryTest {

    private static final String SERVER_ERROR = "/faults/server-error";
    private static final String NOT_FOUND = "/faults/not-found";

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @TempDir
    Path dir;

    private int crawl(FixtureServer site, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("crawl", site.manifest().startUrl(), "--mode", "virtual", "-c", "8",
                "--depth", "2", "--host-concurrency", "0", "--host-delay", "0ms",
                "--ignore-crawl-delay", "-q", "-o", out.toString()));
        args.addAll(List.of(extra));
        return Main.commandLine().execute(args.toArray(String[]::new));
    }

    private static long lines(Path file, String url) throws Exception {
        ObjectMapper m = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        long n = 0;
        for (String line : Files.readAllLines(file)) {
            if (m.readTree(line).get("url").asText().equals(url)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void resume_triesATransientFailureOnce_andOnlyOnce() throws Exception {
        FixtureServer site = SITE.server();
        Path out = dir.resolve("r.jsonl");
        assertThat(crawl(site, out)).isZero();
        String failed = site.baseUrl() + SERVER_ERROR.substring(1);
        assertThat(lines(out, failed)).as("the 500 page's line").isEqualTo(1);

        site.resetCounters();
        assertThat(crawl(site, out, "--resume")).isZero();
        assertThat(site.requestCount(SERVER_ERROR)).as("requests for the 500 page on the first resume").isEqualTo(1);
        assertThat(site.requestCount(NOT_FOUND)).as("a 404 is an answer, not tried again").isZero();
        assertThat(lines(out, failed)).as("one line per attempt").isEqualTo(2);

        site.resetCounters();
        assertThat(crawl(site, out, "--resume")).isZero();
        assertThat(site.requestCount(SERVER_ERROR)).as("tried once already: kept on the second resume").isZero();
        assertThat(lines(out, failed)).isEqualTo(2);
    }

    @Test
    void noRetryFailed_keepsTheTransientFailure() throws Exception {
        FixtureServer site = SITE.server();
        Path out = dir.resolve("r.jsonl");
        assertThat(crawl(site, out)).isZero();

        site.resetCounters();
        assertThat(crawl(site, out, "--resume", "--no-retry-failed")).isZero();
        assertThat(site.requestCount(SERVER_ERROR)).isZero();
        assertThat(lines(out, site.baseUrl() + SERVER_ERROR.substring(1))).isEqualTo(1);
    }
}
