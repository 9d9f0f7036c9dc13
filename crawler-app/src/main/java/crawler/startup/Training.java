package crawler.startup;

import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.app.Main;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The build's training run (the {@code crawler} launcher starts it after {@code mvn package}, see
 * docs/startup.md). It runs in a JVM started with the option that writes the app's start-up cache
 * at exit, so what it exercises here starts pre-loaded and pre-linked later:
 * <ol>
 * <li>{@code --help}, whose text it also keeps ({@link CachedHelp});</li>
 * <li>a crawl in each mode of the fixture site, served by a child JVM: the cache then holds what
 *     a crawl needs and not WireMock and Jetty, whose thousands of classes every later start
 *     would load too (a cache's classes are all loaded as the JVM starts);</li>
 * <li>before the process-mode crawl, the worker JVMs' own cache ({@link WorkerTraining}), so that
 *     crawl's workers already start from it.</li>
 * </ol>
 * Output of the commands is discarded; what the training did goes to stderr (the launcher's
 * training.log). Exit status 0 when the commands ran, even if the worker cache could not be made:
 * the app cache is still worth having.
 *
 * <p>Argument: the directory of this JDK's caches, where the help text goes.
 */
public final class Training {

    /** Small enough to train in seconds, large enough that fetch, parse and link handling all run many times. */
    private static final int PAGES = 60;

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream log = System.err;
        Path cacheDir = Path.of(args[0]);
        Path work = Files.createTempDirectory("crawler-training");
        int failures = 0;
        Process site = startSite(work.resolve("site.log"));
        try {
            String base = siteUrl(site);
            failures += run(log, List.of("crawl", "--help"));
            ByteArrayOutputStream help = new ByteArrayOutputStream();
            failures += run(log, List.of("--help"), help);
            CachedHelp.write(cacheDir, help.toString(StandardCharsets.UTF_8));
            Path virtual = work.resolve("virtual.jsonl");
            failures += run(log, crawl(base, "virtual", virtual));
            if (!new WorkerTraining(log).train(urls(virtual))) {
                log.println("worker cache not made; workers will start without one");
            }
            failures += run(log, crawl(base, "platform", work.resolve("platform.jsonl")));
            failures += run(log, crawl(base, "process", work.resolve("process.jsonl")));
        } finally {
            site.destroy();
            site.waitFor(30, TimeUnit.SECONDS);
            deleteTree(work);
        }
        log.flush();
        // exit, not return: the JVM writes the cache as it exits, and no stray thread may delay that.
        System.exit(failures == 0 ? 0 : 1);
    }

    private static List<String> crawl(String base, String mode, Path out) {
        return List.of("crawl", base, "--mode", mode, "-d", "3", "-q", "--host-concurrency", "0", "--host-delay", "0ms",
                "--ignore-crawl-delay", "-o", out.toString(), "--summary", out + ".summary.json");
    }

    /** The fixture site in a child JVM on this class path; its first stdout line is its URL. */
    private static Process startSite(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve-fixtures", "--port", "0", "--pages", Integer.toString(PAGES), "--no-faults", "--crawl-delay", "0")
                .redirectError(log.toFile())
                .start();
    }

    private static String siteUrl(Process site) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(site.getInputStream(), StandardCharsets.UTF_8));
        String url = out.readLine();
        if (url == null || !url.startsWith("http")) {
            throw new IllegalStateException("the fixture site did not start: its first line was " + url);
        }
        return url;
    }

    /** The URLs of a crawl's results file. */
    private static List<String> urls(Path results) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> urls = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            urls.add(json.readTree(line).path("url").asText());
        }
        return urls;
    }

    private static int run(PrintStream log, List<String> command) {
        return run(log, command, OutputStream.nullOutputStream());
    }

    /** Runs one command line with its stdout to {@code out} and stderr discarded; 1 if it failed. */
    private static int run(PrintStream log, List<String> command, OutputStream out) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        int code;
        try {
            code = Main.commandLine().execute(command.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        log.println("training: crawler " + String.join(" ", command) + " -> exit " + code);
        return code == 0 ? 0 : 1;
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
