package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive that {@code package} makes (crawler-app/target/crawlbench-*.tar.gz),
 * unpacked away from the source tree and run with nothing but a JDK: {@code bin/crawler} must
 * build nothing, find its jars in {@code lib/}, and start worker JVMs from there.
 */
class DistributionIT {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @TempDir
    Path tmp;

    /** @param pid bin/crawler's pid, which is the crawler JVM's: the script ends in exec */
    private record Run(int exit, String stderr, long pid) {
    }

    @Test
    void unpackedArchive_crawlsTheFixtureSiteInProcessMode_withoutMavenOrSources() throws Exception {
        Path home = unpack(archive());
        assertThat(home.resolve("bin/crawler")).isExecutable();
        assertThat(home.resolve("lib/crawler-app.jar")).isRegularFile();
        assertThat(home.resolve("LICENSE")).isRegularFile();
        assertThat(home.resolve("pom.xml")).doesNotExist();

        Path out = tmp.resolve("results.jsonl");
        Run run = run(home, List.of("crawl", SITE.server().manifest().startUrl(), "--depth", "1", "--mode", "process",
                "--workers", "2", "--host-concurrency", "0", "--host-delay", "0", "--ignore-crawl-delay", "-q",
                "-o", out.toString()));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stderr()).doesNotContain("building");
        assertThat(new HashSet<>(ResumeFiles.urls(out)))
                .isEqualTo(SITE.server().manifest().reachable(1).keySet());
        assertThat(new HashSet<>(ResumeFiles.pids(out))).as("pages fetched by worker JVMs started from lib/, not by the coordinator")
                .isNotEmpty().doesNotContain(run.pid());
    }

    @Test
    void testAndBuild_areRefused_withAMessage_inADistribution() throws Exception {
        Path home = unpack(archive());

        Run run = run(home, List.of("test"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("needs the source tree");
    }

    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("crawlbench-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no crawlbench-*.tar.gz in target: package makes it"));
        }
    }

    private Path unpack(Path archive) throws Exception {
        Path dir = tmp.resolve("unpacked");
        Files.createDirectories(dir);
        Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(), "-C", dir.toString())
                .inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        try (Stream<Path> top = Files.list(dir)) {
            return top.findFirst().orElseThrow();
        }
    }

    /**
     * Runs bin/crawler with the test's own JDK as JAVA_HOME, no search elsewhere, no training
     * (it only saves start-up time and costs the suite half a minute) and CI set, as CI has it.
     */
    private Run run(Path home, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/crawler").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stderr").toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CRAWLER_JVM_DIRS", tmp.resolve("no-jdks-here").toString());
        env.put("CRAWLER_TRAINING", "off");
        env.put("CI", "true");
        Process p = pb.start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/crawler ended within 2 minutes").isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(tmp.resolve("stderr")), p.pid());
    }
}
