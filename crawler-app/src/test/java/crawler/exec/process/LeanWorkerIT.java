package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fetch.FetchConfig;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.ToWorker;
import crawler.startup.WorkerClassPath;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged layout (after {@code package}): the worker's runtime class path, as its build listed
 * it, resolves in {@code target/lib}, and a worker started on it alone fetches and parses a page.
 * This is what catches a dependency the list names in a version the app's lib does not hold.
 */
class LeanWorkerIT {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @TempDir
    Path tmp;

    @Test
    void packagedWorker_runsOnItsOwnClassPath() throws Exception {
        Path workerJar;
        try (Stream<Path> lib = Files.list(Path.of("target", "lib"))) {
            workerJar = lib.filter(p -> p.getFileName().toString().startsWith("crawler-worker-")).findFirst().orElseThrow();
        }
        WorkerClassPath lean = WorkerClassPath.ofWorkerJar(workerJar).orElseThrow(
                () -> new AssertionError("a jar listed in " + workerJar + " is missing from target/lib"));
        assertThat(lean.entries()).noneMatch(p -> p.getFileName().toString().matches("(wiremock|jetty|guava|picocli).*"));

        Path stdout = tmp.resolve("stdout");
        Path stderr = tmp.resolve("stderr");
        Process worker = new ProcessBuilder(WorkerLauncher.of(lean.asClassPath(), Optional.empty(), List.of()).command())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        Codec codec = new Codec();
        String url = SITE.server().manifest().startUrl();
        // stdin stays open until the worker has exited: its end would mean "abandon your work now".
        try (OutputStream stdin = worker.getOutputStream()) {
            stdin.write((codec.encode(new ToWorker.Config(1, 1, FetchConfig.defaults())) + "\n"
                    + codec.encode(new ToWorker.BatchMessage(1, List.of(new PageTask(url, 0)))) + "\n"
                    + codec.encode(new ToWorker.Shutdown()) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            worker.destroyForcibly();
        }

        assertThat(worker.exitValue()).as(Files.readString(stderr)).isZero();
        List<FromWorker> messages = new ArrayList<>();
        for (String line : Files.readAllLines(stdout)) {
            messages.add(codec.decodeFromWorker(line));
        }
        assertThat(messages).anySatisfy(m -> assertThat(m).isInstanceOfSatisfying(FromWorker.ResultMessage.class,
                r -> assertThat(r.result().ok()).isTrue()));
    }
}
