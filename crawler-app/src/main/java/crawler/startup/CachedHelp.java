package crawler.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The text of {@code crawler --help}, written by the build's training run beside the start-up
 * caches and printed from there. Building picocli's model of every command costs more than the
 * rest of a short JVM's life (picocli's classes are Java 5 bytecode, which no start-up cache can
 * hold linked), and the top-level help only lists the commands: a text made by the same jar says
 * the same. Used only while it is no older than the jar it came from; otherwise picocli prints
 * the help as usual.
 */
public final class CachedHelp {

    static final String FILE = "help.txt";

    private CachedHelp() {
    }

    /** Keeps {@code text} in a JDK's cache directory, replacing it whole. */
    public static void write(Path cacheDir, String text) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = cacheDir.resolve(FILE + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, cacheDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The kept help text, when this JVM runs the packaged crawler-app jar and the text is current. */
    public static Optional<String> forThisJar() {
        return AppJar.current().flatMap(jar -> AppJar.cacheDir().flatMap(dir -> read(dir.resolve(FILE), jar)));
    }

    /** The text in {@code file} if it is at least as new as {@code jar}; empty otherwise or when unreadable. */
    static Optional<String> read(Path file, Path jar) {
        try {
            if (!Files.isRegularFile(file)
                    || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty(); // the help picocli builds is always there to fall back on
        }
    }
}
