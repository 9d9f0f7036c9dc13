package crawler.exec.process;

import crawler.startup.CrawlJvmOptions;
import crawler.startup.StartupCache;
import crawler.startup.WorkerClassPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the command line of a worker JVM and starts it: the same {@code java} as this JVM, the
 * worker's own lean class path and start-up cache when the crawler runs from its packaged jars,
 * options for a short-lived fetch-and-parse process, JVM logging forced to stderr (stdout is the
 * protocol channel), then the worker main class. Immutable and thread-safe.
 *
 * <p>Worker JVM options: {@code -Xmx256m}, one small heap per worker, then the same JIT and GC
 * options as every crawling JVM ({@link CrawlJvmOptions}); start-up cache and cache log tags
 * off: see {@link StartupCache}. Extra options come last, so {@code --worker-jvm-option} wins.
 */
public final class WorkerLauncher {

    public static final String WORKER_MAIN = "crawler.worker.WorkerMain";

    /** Worker JVM options after the logging ones, before any cache and extra ones. */
    public static final List<String> WORKER_JVM_OPTIONS = workerOptions();

    private static List<String> workerOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        options.addAll(CrawlJvmOptions.RUNTIME);
        return List.copyOf(options);
    }

    /** Looked up once: the PATH does not change under a running JVM. */
    private static final Optional<Path> SETSID = OwnSession.setsid();

    private final String java;
    private final String classPath;
    private final List<String> jvmOptions;
    private final String mainClass;
    private final List<String> arguments;

    WorkerLauncher(String java, String classPath, List<String> jvmOptions, String mainClass) {
        this(java, classPath, jvmOptions, mainClass, List.of());
    }

    private WorkerLauncher(String java, String classPath, List<String> jvmOptions, String mainClass,
                           List<String> arguments) {
        this.java = Objects.requireNonNull(java, "java");
        this.classPath = Objects.requireNonNull(classPath, "classPath");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        this.arguments = List.copyOf(arguments);
    }

    /**
     * Every standard option for a worker on a JDK of the given feature release: logging to
     * stderr without the start-up cache's tags, then {@link #WORKER_JVM_OPTIONS}.
     */
    public static List<String> standardOptions(int feature) {
        List<String> options = new ArrayList<>();
        options.add("-Xlog:disable");
        options.add("-Xlog:all=warning," + StartupCache.quietLogSelection(feature) + ":stderr");
        options.addAll(WORKER_JVM_OPTIONS);
        return options;
    }

    /**
     * A launcher for {@link #WORKER_MAIN} on this JVM's executable. From the packaged jars it uses
     * the worker's lean class path and, when the build trained one for this JDK, its start-up
     * cache. Otherwise (under Surefire, or from an IDE) it falls back to this JVM's
     * {@code java.class.path}: Surefire sets that to the real test class path in the forked JVM,
     * so workers see test classes too (some tests run a fault-injecting worker main).
     */
    public static WorkerLauncher forCurrentJvm(List<String> extraJvmOptions) {
        Optional<WorkerClassPath> lean = WorkerClassPath.ofRunningWorker();
        if (lean.isEmpty()) {
            return of(System.getProperty("java.class.path"), Optional.empty(), extraJvmOptions);
        }
        Optional<StartupCache> cache = StartupCache.forThisJdk(lean.get().startupRoot(), StartupCache.WORKER)
                .filter(c -> Files.isRegularFile(c.file()));
        return of(lean.get().asClassPath(), cache, extraJvmOptions);
    }

    /** A launcher for {@link #WORKER_MAIN} on this JVM's executable, with the given class path and cache. */
    static WorkerLauncher of(String classPath, Optional<StartupCache> cache, List<String> extraJvmOptions) {
        List<String> options = standardOptions(Runtime.version().feature());
        cache.ifPresent(c -> options.addAll(c.useOptions()));
        options.addAll(extraJvmOptions);
        return new WorkerLauncher(currentJava(), classPath, options, WORKER_MAIN);
    }

    /**
     * A launcher on the lean class path whose worker writes the start-up cache {@code cache} to
     * {@code out} when it exits: the build's training run. Empty without a lean class path, since
     * a cache made on another class path would not match the workers that use it.
     */
    public static Optional<WorkerLauncher> forTraining(StartupCache cache, Path out) {
        return WorkerClassPath.ofRunningWorker().map(lean -> {
            List<String> options = standardOptions(Runtime.version().feature());
            options.add(cache.trainOption(out));
            return new WorkerLauncher(currentJava(), lean.asClassPath(), options, WORKER_MAIN);
        });
    }

    /**
     * A launcher for another of the crawler's commands on this JVM's {@code java} and class path
     * (the app's, not the worker's lean one): cluster mode's member JVMs. Worker JVM options, then
     * {@code extraJvmOptions}; {@code mainClass} gets {@code arguments}.
     */
    public static WorkerLauncher forAppCommand(List<String> extraJvmOptions, String mainClass, List<String> arguments) {
        List<String> options = standardOptions(Runtime.version().feature());
        options.addAll(extraJvmOptions);
        return new WorkerLauncher(currentJava(), System.getProperty("java.class.path"), options, mainClass, arguments);
    }

    /** The same launcher running another main class (tests run a worker with a fault-injecting processor). */
    WorkerLauncher withMainClass(String otherMainClass) {
        return new WorkerLauncher(java, classPath, jvmOptions, otherMainClass, arguments);
    }

    /** The full command line. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        return List.copyOf(command);
    }

    /**
     * Starts a worker with all three standard streams as pipes, in a session of its own where the
     * platform allows ({@link OwnSession}); the caller must drain stdout and stderr.
     */
    public Process start() throws IOException {
        return new ProcessBuilder(OwnSession.wrap(command(), SETSID)).start();
    }

    private static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
