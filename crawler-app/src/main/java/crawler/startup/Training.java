package crawler.startup;

import crawler.app.Main;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.SiteSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build's training run (the {@code crawler} launcher starts it after {@code mvn package}, see
 * docs/startup.md). It runs in a JVM started with the option that writes the app's start-up cache
 * at exit, so everything it exercises here starts pre-loaded and pre-linked later:
 * <ol>
 * <li>trains the worker JVMs' own cache ({@link WorkerTraining}) on the embedded fixture site;</li>
 * <li>runs the command line as a user would: {@code --help}, a crawl, and the demo, which crawls in
 *     every mode, process mode on workers that now start from their fresh cache.</li>
 * </ol>
 * Output of the commands is discarded; what the training did goes to stderr (the launcher's
 * training.log). Exit status 0 when the commands ran, even if the worker cache could not be made:
 * the app cache is still worth having.
 */
public final class Training {

    /** Small enough to train in seconds, large enough that fetch, parse and link handling all run many times. */
    private static final int PAGES = 60;

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream log = System.err;
        Path work = Files.createTempDirectory("crawler-training");
        int failures = 0;
        try (FixtureServer site = FixtureServer.start(SiteSpec.small().withPages(PAGES).withFaults(false))) {
            if (!new WorkerTraining(log).train(site.manifest().sitemapUrls())) {
                log.println("worker cache not made; workers will start without one");
            }
            List<List<String>> commands = List.of(
                    List.of("--help"),
                    List.of("crawl", "--help"),
                    List.of("crawl", site.manifest().startUrl(), "--mode", "virtual", "-d", "3", "-q",
                            "--host-concurrency", "0", "--host-delay", "0ms", "--ignore-crawl-delay",
                            "-o", work.resolve("crawl.jsonl").toString(), "--summary", work.resolve("crawl.json").toString()),
                    List.of("demo", "--pages", Integer.toString(PAGES), "--latency", "none", "--no-faults", "-c", "8",
                            "--out-dir", work.resolve("demo").toString()));
            for (List<String> command : commands) {
                int code = runQuietly(command);
                log.println("training: crawler " + String.join(" ", command) + " -> exit " + code);
                if (code != 0) {
                    failures++;
                }
            }
        } finally {
            deleteTree(work);
        }
        log.flush();
        // exit, not return: the JVM writes the cache as it exits, and no stray thread may delay that.
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Runs one command line with stdout and stderr discarded; its exit code. */
    private static int runQuietly(List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(discard);
        System.setErr(discard);
        try {
            return Main.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
