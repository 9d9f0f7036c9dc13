package crawler.startup;

import crawler.exec.process.WorkerLauncher;
import crawler.fetch.FetchConfig;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.MalformedMessageException;
import crawler.protocol.ToWorker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes the worker JVMs' start-up cache: one worker on the lean class path, with the same
 * options as in a crawl, fetches and parses a list of pages and exits on {@code shutdown}; its
 * JVM writes the cache as it exits. The cache goes to a temporary file first and is moved into
 * place only when the worker exited cleanly, so a worker never sees a half-written one.
 *
 * <p>Not thread-safe; one training at a time per cache file.
 */
final class WorkerTraining {

    /** Writing a cache takes seconds (JDK 25 assembles it in a second JVM); this only bounds a wedged one. */
    private static final long EXIT_WAIT_MINUTES = 5;

    private final PrintStream log;

    WorkerTraining(PrintStream log) {
        this.log = log;
    }

    /**
     * Trains the worker cache for this JDK on {@code urls}.
     *
     * @return true if the cache was written
     */
    boolean train(List<String> urls) throws IOException, InterruptedException {
        Optional<WorkerClassPath> lean = WorkerClassPath.ofRunningWorker();
        Optional<StartupCache> cache = lean.flatMap(l -> StartupCache.forThisJdk(l.startupRoot(), StartupCache.WORKER));
        if (cache.isEmpty()) {
            log.println("worker training skipped: no lean worker class path (not running from the packaged jars)"
                    + " or no usable java.runtime.version");
            return false;
        }
        Path target = cache.get().file();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        WorkerLauncher launcher = WorkerLauncher.forTraining(cache.get(), tmp).orElseThrow();
        log.println("worker training: " + String.join(" ", launcher.command()));
        Process worker = launcher.start();
        Thread stderr = Thread.ofPlatform().name("training-worker-stderr").start(() -> copy(worker.getErrorStream()));
        int results = talk(worker, urls);
        boolean exited = worker.waitFor(EXIT_WAIT_MINUTES, TimeUnit.MINUTES);
        if (!exited) {
            worker.destroyForcibly();
        }
        stderr.join(TimeUnit.SECONDS.toMillis(10));
        int code = exited ? worker.exitValue() : -1;
        log.println("worker training: " + results + " results for " + urls.size() + " URLs, exit " + code);
        if (code != 0 || !Files.isRegularFile(tmp)) {
            Files.deleteIfExists(tmp);
            return false;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.println("worker cache: " + target + " (" + Files.size(target) / 1024 + " KiB)");
        return true;
    }

    /** Sends config, one batch and shutdown; reads stdout to its end and counts results. */
    private int talk(Process worker, List<String> urls) throws IOException {
        Codec codec = new Codec();
        List<PageTask> tasks = urls.stream().map(u -> new PageTask(u, 0)).toList();
        try (Writer stdin = new OutputStreamWriter(worker.getOutputStream(), StandardCharsets.UTF_8)) {
            stdin.write(codec.encode(new ToWorker.Config(1, 2, FetchConfig.defaults())) + "\n");
            stdin.write(codec.encode(new ToWorker.BatchMessage(1, tasks)) + "\n");
            stdin.write(codec.encode(new ToWorker.Shutdown()) + "\n");
        }
        int results = 0;
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null) {
                try {
                    if (codec.decodeFromWorker(line) instanceof FromWorker.ResultMessage) {
                        results++;
                    }
                } catch (MalformedMessageException e) {
                    log.println("[training worker stdout] " + line); // the JVM reports the cache it writes here
                }
            }
        }
        return results;
    }

    private void copy(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.println("[training worker] " + line);
            }
        } catch (IOException e) {
            log.println("[training worker] stderr closed: " + e);
        }
    }
}
