package crawler.exec.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the command line of a worker JVM and starts it: the same {@code java} and class path as
 * this JVM, a small serial-GC heap, JVM logging forced to stderr (stdout is the protocol channel),
 * then the worker main class. Immutable and thread-safe.
 *
 * <p>No {@code -XX:TieredStopAtLevel=1}: it starts faster but parses more slowly for the rest of
 * the run, which would bias the thread-versus-process comparison.
 */
public final class WorkerLauncher {

    public static final String WORKER_MAIN = "crawler.worker.WorkerMain";

    /** Standard worker JVM options, before any extra ones. */
    public static final List<String> BASE_JVM_OPTIONS =
            List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-Xmx256m", "-XX:+UseSerialGC");

    private final String java;
    private final String classPath;
    private final List<String> jvmOptions;
    private final String mainClass;

    WorkerLauncher(String java, String classPath, List<String> jvmOptions, String mainClass) {
        this.java = Objects.requireNonNull(java, "java");
        this.classPath = Objects.requireNonNull(classPath, "classPath");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /**
     * A launcher for {@link #WORKER_MAIN} on this JVM's executable and class path.
     * Under Surefire, {@code java.class.path} holds the real test class path (Surefire sets it
     * in the forked JVM even when it boots from a manifest-only jar), so workers see test
     * classes too.
     */
    public static WorkerLauncher forCurrentJvm(List<String> extraJvmOptions) {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> options = new ArrayList<>(BASE_JVM_OPTIONS);
        options.addAll(extraJvmOptions);
        return new WorkerLauncher(java, System.getProperty("java.class.path"), options, WORKER_MAIN);
    }

    /** The same launcher running another main class (tests run a worker with a fault-injecting processor). */
    WorkerLauncher withMainClass(String otherMainClass) {
        return new WorkerLauncher(java, classPath, jvmOptions, otherMainClass);
    }

    /** The full command line. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        return List.copyOf(command);
    }

    /** Starts a worker with all three standard streams as pipes; the caller must drain stdout and stderr. */
    Process start() throws IOException {
        return new ProcessBuilder(command()).start();
    }
}
