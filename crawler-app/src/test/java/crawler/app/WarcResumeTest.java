package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.archive.WarcFiles;
import crawler.archive.WarcTruncator;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A crawl killed mid-append leaves a torn WARC tail; --resume cuts it and writes new files beside it. */
class WarcResumeTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    private int crawl(FixtureServer site, Path out, String prefix, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("crawl", site.manifest().startUrl(), "-c", "4",
                "--depth", "2", "--host-concurrency", "0", "--host-delay", "0ms", "--ignore-crawl-delay", "-q",
                "-o", out.toString(), "--warc", prefix));
        args.addAll(List.of(extra));
        return Main.commandLine().execute(args.toArray(String[]::new));
    }

    @Test
    void resume_cutsTheTornTail_keepsTheRest_andAppendsNewFiles() throws Exception {
        FixtureServer site = SITE.server();
        site.resetCounters();
        Path out = dir.resolve("results.jsonl");
        String prefix = dir.resolve("warc/crawl").toString();
        assertThat(crawl(site, out, prefix)).isZero();
        List<Path> first = WarcFiles.list(prefix);
        assertThat(first).hasSize(1);
        Path old = first.get(0);
        byte[] whole = Files.readAllBytes(old);
        int urlsBefore = WarcTruncator.check(old).urls();

        // What kill -9 leaves: the WARC file torn mid-record, the results file missing its last lines.
        Files.write(old, Arrays.copyOf(whole, whole.length - 200));
        List<String> lines = Files.readAllLines(out);
        Files.write(out, lines.subList(0, lines.size() - 3));
        site.resetCounters();

        assertThat(crawl(site, out, prefix, "--resume")).isZero();

        byte[] repaired = Files.readAllBytes(old);
        assertThat(whole).startsWith(repaired);
        assertThat(WarcTruncator.check(old).torn()).isFalse();
        assertThat(WarcTruncator.check(old).urls()).isEqualTo(urlsBefore - 1);
        List<Path> after = WarcFiles.list(prefix);
        assertThat(after).hasSize(2).contains(old);
        Path added = after.stream().filter(p -> !p.equals(old)).findFirst().orElseThrow();
        assertThat(WarcTruncator.check(added).torn()).isFalse();
        assertThat(WarcTruncator.check(added).urls()).isPositive();
        assertThat(stderr.text()).contains(old + ": cut off a torn tail");
    }
}
