package crawler.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The crawler's command line run in a child JVM, for tests that must kill it (kill -9 of the
 * coordinator) or give it limits of its own (ulimit -n). It runs the same {@code java} and class
 * path as the test JVM; stdout is discarded, stderr goes to a file the test can read.
 */
final class ChildCrawl {

    private final Process process;
    private final Path stderr;

    private ChildCrawl(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** {@code java -cp <test class path> crawler.app.Main <args>}. */
    static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        return command;
    }

    /** Starts the crawler with {@code args}; its stderr goes to {@code stderr}. */
    static ChildCrawl start(List<String> args, Path stderr) throws IOException {
        return startCommand(javaCommand(args), stderr);
    }

    /** Starts any command line (e.g. bash around java), stderr to {@code stderr}. */
    static ChildCrawl startCommand(List<String> command, Path stderr) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new ChildCrawl(p, stderr);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code file} holds at least {@code lines} complete lines, polling it with a
     * bounded deadline; fails if the child exits or the deadline passes first.
     */
    void awaitLines(Path file, int lines, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (completeLines(file) < lines) {
            if (!process.isAlive()) {
                throw new AssertionError("crawler exited with " + process.exitValue() + " before writing " + lines
                        + " lines to " + file + "; stderr:\n" + stderrText());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + lines + " lines in " + file + " within " + limit + "; stderr:\n"
                        + stderrText());
            }
            // Polling a file with a deadline, not sleeping to synchronise: waitFor returns early if it exits.
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits for the exit and returns the status; fails after {@code limit}. */
    int awaitExit(Duration limit) throws InterruptedException, IOException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("crawler still running after " + limit + "; stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    String stderrText() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    private static long completeLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
