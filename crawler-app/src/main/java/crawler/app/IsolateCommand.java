package crawler.app;

import crawler.bench.probe.IsolationScenario;
import crawler.exec.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crawler isolate}: claim 8 (processes isolate failures, threads share them) as a run you
 * can watch. Each mode crawls the embedded fixture site in a child JVM with a small heap while one
 * task per process exhausts the heap or throws an Error; the table says what each child did.
 */
@Command(name = "isolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fault isolation (claim 8): crawl the fixture site in a child JVM per mode with a small heap"
                + " while the N-th task of each process runs out of heap (--chaos oom-at=N) or throws an Error"
                + " (--chaos error-at=N), and tabulate what survived."})
final class IsolateCommand implements Callable<Integer> {

    @Option(names = "--pages", paramLabel = "N", defaultValue = "200",
            description = "pages of the fixture site, fault pages off (default: ${DEFAULT-VALUE})")
    int pages;

    @Option(names = "--fault-at", paramLabel = "N", defaultValue = "20",
            description = "the task of each process that fails, counted from 1 (default: ${DEFAULT-VALUE})")
    int faultAt;

    @Option(names = "--heap", paramLabel = "MiB", defaultValue = "64",
            description = "-Xmx of the crawler JVM and of each worker JVM, in MiB (default: ${DEFAULT-VALUE})")
    int heapMb;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s",
            converter = Converters.DurationConverter.class,
            description = "a child still running after this is killed and reported so (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--modes", paramLabel = "MODE", split = ",", defaultValue = "virtual,platform,process",
            description = "modes to run (default: ${DEFAULT-VALUE})")
    List<Mode> modes;

    @Option(names = "--faults", paramLabel = "FAULT", split = ",", defaultValue = "oom,error",
            description = "oom | error (default: ${DEFAULT-VALUE})")
    List<IsolationScenario.Fault> faults;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "where each child's results, summary and stderr are kept (default: a new temporary directory)")
    Path workDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("crawler-isolate-");
        IsolationScenario.Config config;
        try {
            config = new IsolationScenario.Config(pages, 3, faultAt, heapMb, timeout, dir);
        } catch (IllegalArgumentException e) {
            System.err.println("crawler: " + e.getMessage());
            return CrawlCommand.EXIT_USAGE;
        }
        List<IsolationScenario.Row> rows = new IsolationScenario(config, System.err).run(modes, faults);
        System.out.print(IsolationScenario.table(rows));
        System.out.println("children's results, summaries and stderr: " + dir);
        return CrawlCommand.EXIT_OK;
    }
}
