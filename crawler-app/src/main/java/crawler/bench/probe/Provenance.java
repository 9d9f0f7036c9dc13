package crawler.bench.probe;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where a bench result came from, carried by every raw row so a quick row and a warm row, or
 * rows of two commits or two machines, never look alike.
 *
 * @param commit     {@code git describe --always --dirty} of the checkout the bench ran from, or "unknown"
 * @param jvmOptions the options every measured child JVM got, besides its class path
 * @param startedAt  when the bench started (UTC)
 * @param host       the machine's host name, or "unknown"
 */
public record Provenance(String commit, String jvmOptions, Instant startedAt, String host) {

    public static final Provenance UNKNOWN = new Provenance("unknown", "", Instant.EPOCH, "unknown");

    public Provenance {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(jvmOptions, "jvmOptions");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(host, "host");
    }

    /** This bench: the checkout holding the class path's first entry, the children's options, now. */
    public static Provenance current(List<String> childJvmOptions) {
        return new Provenance(gitDescribe(), String.join(" ", childJvmOptions), Instant.now(), hostName());
    }

    /** Asks git, bounded to 2 s; "unknown" without git or outside a checkout. */
    private static String gitDescribe() {
        String cp = System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)[0];
        Path dir = Path.of(cp).toAbsolutePath().getParent();
        if (dir == null) {
            return "unknown";
        }
        try {
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "describe", "--always", "--dirty", "--abbrev=12")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!git.waitFor(2, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return "unknown";
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.exitValue() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
