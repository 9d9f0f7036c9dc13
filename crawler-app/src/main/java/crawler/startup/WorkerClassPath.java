package crawler.startup;

import crawler.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The lean class path of a worker JVM: crawler-worker's jar, then its runtime dependencies and
 * nothing else (no WireMock, Jetty, Guava or picocli, which only the coordinator needs). Fewer jars
 * to open and index at start-up, and a class path small enough to match a cache of its own.
 *
 * <p>The list comes from crawler-worker's build ({@value #LIST_RESOURCE} in its jar, written by
 * maven-dependency-plugin's {@code build-classpath}); the jars are looked up beside the worker jar,
 * where the app's {@code copy-dependencies} put them ({@code crawler-app/target/lib}). When the
 * worker classes come from a directory (tests, an IDE) or any listed jar is missing, there is no
 * lean class path and the caller falls back to its own. Immutable.
 *
 * @param entries the worker jar first, then its dependencies in build order
 */
public record WorkerClassPath(List<Path> entries) {

    /** Where in the worker jar its build wrote its runtime class path. */
    public static final String LIST_RESOURCE = "crawler/worker/runtime-classpath";

    public WorkerClassPath {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a worker class path needs at least the worker jar");
        }
    }

    /** The lean class path of the crawler-worker jar this JVM loaded, if it has one. */
    public static Optional<WorkerClassPath> ofRunningWorker() {
        return AppJar.jarOf(WorkerMain.class).flatMap(WorkerClassPath::ofWorkerJar);
    }

    /** The lean class path of the given worker jar: its dependency list resolved beside it. */
    public static Optional<WorkerClassPath> ofWorkerJar(Path workerJar) {
        try (JarFile jar = new JarFile(workerJar.toFile())) {
            ZipEntry entry = jar.getEntry(LIST_RESOURCE);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return resolve(workerJar, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty(); // not a readable jar: no lean class path, which is allowed
        }
    }

    /**
     * The worker jar followed by every jar the list names, each looked up by file name beside the
     * worker jar; empty if any of them is not there, so that a worker never starts without a
     * dependency. The list separates entries with {@code ':'} or line breaks; any directory part of
     * an entry is ignored.
     */
    public static Optional<WorkerClassPath> resolve(Path workerJar, String list) {
        Path dir = workerJar.toAbsolutePath().getParent();
        List<Path> entries = new ArrayList<>();
        entries.add(workerJar.toAbsolutePath());
        for (String raw : list.split("[:\\r\\n]+")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Path name = Path.of(entry).getFileName();
            Path jar = dir.resolve(name.toString());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            entries.add(jar);
        }
        return Optional.of(new WorkerClassPath(entries));
    }

    /** The entries joined for {@code -cp}. */
    public String asClassPath() {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /**
     * Where the start-up caches of this install live: {@code startup/} beside the directory of
     * the worker jar ({@code crawler-app/target/startup} for {@code crawler-app/target/lib}).
     */
    public Path startupRoot() {
        return entries.getFirst().getParent().resolveSibling("startup");
    }
}
