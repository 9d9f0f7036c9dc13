package crawler.bench.run;


import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * GNU Wget2, the reference: a native C crawler that users would otherwise reach for. Found on
 * {@code PATH} (never required: without it the bench says how to get it), run recursively on one
 * host with robots.txt obeyed, its files written into a directory the caller deletes.
 *
 * <p><b>Thread-safety:</b> stateless.
 */
public final class Wget2 {

    public static final String NAME = "wget2";

    /** What the reports say when wget2 is not on PATH. */
    public static final String HOW_TO_GET = "wget2 is not on PATH: install it (the Debian and Ubuntu package is wget2:"
            + " apt-get install wget2) to see a native C crawler on the same site";

    /** wget2 starts a thread per download up to --max-threads; beyond this many the row is not run. */
    public static final int MAX_THREADS = 1000;

    private Wget2() {
    }

    /**
     * The first executable {@code wget2} in the directories of a {@code PATH} value; empty when
     * there is none (or the value is null).
     */
    public static Optional<Path> locate(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, NAME);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** wget2 on this process's PATH. */
    public static Optional<Path> onPath() {
        return locate(System.getenv("PATH"));
    }

    /**
     * {@code wget2 -r -l inf --max-threads=C --robots=on ...}: the whole site from its start page,
     * no other host (wget2 does not span hosts unless told to), no directory per host, quiet, no
     * config file of the user's, files under {@code outDir}.
     */
    public static List<String> command(Path wget2, String startUrl, int threads, Path outDir) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        return new ArrayList<>(List.of(wget2.toString(), "--no-config", "-r", "-l", "inf", "--max-threads=" + threads,
                "--robots=on", "--no-host-directories", "--quiet", "--directory-prefix=" + outDir, startUrl));
    }

    /**
     * The first line of {@code wget2 --version}, e.g. {@code GNU Wget2 1.99.1 - multithreaded ...},
     * up to its " - "; "wget2" when it cannot be read within 10 s.
     */
    public static String version(Path wget2) {
        Path out = null;
        try {
            // Through a file, so a program that never closes its output cannot block the bench.
            out = Files.createTempFile("wget2-version-", ".txt");
            Process p = new ProcessBuilder(wget2.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return NAME;
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            String first = lines.isEmpty() ? "" : lines.getFirst().strip();
            int dash = first.indexOf(" - ");
            return first.isEmpty() ? NAME : (dash > 0 ? first.substring(0, dash) : first).strip();
        } catch (IOException e) {
            return NAME;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NAME;
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
