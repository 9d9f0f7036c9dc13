package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import crawler.fetch.FetchConfig;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.ToWorker;
import crawler.startup.StartupCache;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start-up cache the JVM cannot use (stale, made for another class path, broken, missing) costs
 * speed only: the JVM runs without it and says nothing about it, on stdout (a worker's protocol
 * channel) or stderr (the user's terminal).
 */
class UnusableStartupCacheTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    private static final long WAIT_S = 60;
    private static final int FEATURE = Runtime.version().feature();
    private static final StartupCache.Kind KIND = StartupCache.Kind.forFeature(FEATURE);

    @TempDir
    static Path shared;
    private static Path foreignCache;
    private static Path appCdsArchive;

    @TempDir
    Path tmp;

    /** Ways a cache file can fail to match the JVM that is handed it. */
    enum Unusable { GARBAGE, EMPTY, MADE_FOR_ANOTHER_CLASS_PATH, APPCDS_ARCHIVE_AS_AOT_CACHE, MISSING }

    @BeforeAll
    static void makeRealCachesForOtherUses() throws Exception {
        // A real cache of this JDK, trained on a class path that is not the one it will be used with.
        Path jar = shared.resolve("foreign.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("foreign.txt"));
            out.closeEntry();
        }
        foreignCache = shared.resolve("foreign" + KIND.suffix());
        train(new StartupCache(KIND, foreignCache).trainOption(foreignCache), jar);
        appCdsArchive = shared.resolve("appcds.jsa");
        train(new StartupCache(StartupCache.Kind.CDS, appCdsArchive).trainOption(appCdsArchive), jar);
    }

    @ParameterizedTest
    @EnumSource(Unusable.class)
    void worker_startsAndFetches_andSaysNothingAboutTheCache(Unusable unusable) throws Exception {
        StartupCache cache = cache(unusable);
        WorkerLauncher launcher = WorkerLauncher.of(System.getProperty("java.class.path"), Optional.of(cache), List.of());
        assertThat(launcher.command()).containsAll(cache.useOptions());
        Path stdout = tmp.resolve("stdout");
        Path stderr = tmp.resolve("stderr");
        Process worker = new ProcessBuilder(launcher.command())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        Codec codec = new Codec();
        String url = SITE.server().manifest().startUrl();
        // stdin stays open until the worker has exited: its end would mean "abandon your work now".
        try (OutputStream stdin = worker.getOutputStream()) {
            String lines = codec.encode(new ToWorker.Config(1, 1, FetchConfig.defaults())) + "\n"
                    + codec.encode(new ToWorker.BatchMessage(1, List.of(new PageTask(url, 0)))) + "\n"
                    + codec.encode(new ToWorker.Shutdown()) + "\n";
            stdin.write(lines.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(worker.waitFor(WAIT_S, TimeUnit.SECONDS)).as("worker exits after shutdown").isTrue();
        } finally {
            worker.destroyForcibly();
        }

        assertThat(worker.exitValue()).as(Files.readString(stderr)).isZero();
        List<FromWorker> messages = new ArrayList<>();
        for (String line : Files.readAllLines(stdout)) {
            messages.add(codec.decodeFromWorker(line)); // throws if a JVM message reached the protocol channel
        }
        assertThat(messages.getFirst()).isInstanceOf(FromWorker.Hello.class);
        assertThat(messages).anySatisfy(m -> assertThat(m).isInstanceOfSatisfying(FromWorker.ResultMessage.class,
                r -> assertThat(r.result().ok()).isTrue()));
        assertThat(Files.readString(stderr)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Unusable.class)
    void commandLine_printsItsHelp_andNothingElse(Unusable unusable) throws Exception {
        StartupCache cache = cache(unusable);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(cache.useOptions());
        command.add("-Xlog:" + StartupCache.quietLogSelection(FEATURE)); // what the launcher script adds
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "crawler.app.Main", "--help"));
        Path stdout = tmp.resolve("stdout");
        Path stderr = tmp.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            assertThat(p.waitFor(WAIT_S, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }

        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(stdout)).startsWith("Usage: crawler");
        assertThat(Files.readString(stderr)).isEmpty();
    }

    @Test
    void launcherScript_quietsTheSameLogTags() throws IOException {
        String script = Files.readString(Path.of("..", "crawler"));

        assertThat(script).contains("-Xlog:" + StartupCache.quietLogSelection(25))
                .contains("-Xlog:" + StartupCache.quietLogSelection(21));
    }

    private StartupCache cache(Unusable unusable) throws IOException {
        Path file = tmp.resolve("cache" + KIND.suffix());
        switch (unusable) {
            case GARBAGE -> {
                byte[] bytes = new byte[64 * 1024];
                new Random(42).nextBytes(bytes);
                Files.write(file, bytes);
            }
            case EMPTY -> Files.write(file, new byte[0]);
            case MADE_FOR_ANOTHER_CLASS_PATH -> Files.copy(foreignCache, file);
            case APPCDS_ARCHIVE_AS_AOT_CACHE -> {
                assumeThat(KIND).as("JDK 21-24 read AppCDS archives as their cache").isEqualTo(StartupCache.Kind.AOT);
                Files.copy(appCdsArchive, file);
            }
            case MISSING -> {
                // nothing written
            }
        }
        return new StartupCache(KIND, file);
    }

    private static void train(String trainOption, Path classPath) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), trainOption, "-cp", classPath.toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(WAIT_S, TimeUnit.SECONDS)).as("training " + trainOption).isTrue();
        assertThat(p.exitValue()).isZero();
    }
}
