package crawler.startup;

import crawler.worker.WorkerMain;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The packaged crawler-app jar this JVM runs from, and the install around it: {@code startup/}
 * with the caches of each JDK. Absent when the classes come from a directory (tests, an IDE).
 */
public final class AppJar {

    private AppJar() {
    }

    /** The jar this class was loaded from, if it was loaded from a jar file. */
    public static Optional<Path> current() {
        return jarOf(AppJar.class);
    }

    /** The jar file {@code type} was loaded from; empty for a class directory or a non-file source. */
    static Optional<Path> jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // a code source that is no local file has no install beside it
        }
    }

    /** This JDK's cache directory of the current install. */
    public static Optional<Path> cacheDir() {
        return current().flatMap(jar -> startupRoot())
                .flatMap(root -> StartupCache.dirFor(root, System.getProperty("java.runtime.version")));
    }

    /**
     * Where the install keeps its start-up caches: {@code startup/} beside the directory of the
     * worker jar, the rule {@link WorkerClassPath#startupRoot()} follows too. That is
     * {@code crawler-app/target/startup} in a build (jars in {@code target/lib}) and the top-level
     * {@code startup/} of a distribution (every jar, the app's too, in {@code lib/}).
     */
    static Optional<Path> startupRoot() {
        return jarOf(WorkerMain.class).map(worker -> worker.toAbsolutePath().getParent().resolveSibling("startup"));
    }
}
