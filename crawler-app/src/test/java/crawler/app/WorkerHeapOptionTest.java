package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Process mode sizes each worker's heap from its threads and --max-body; a user's -Xmx still wins. */
class WorkerHeapOptionTest {

    private static CrawlSettings settings(String... args) {
        CrawlCommand command = new CrawlCommand();
        new CommandLine(command).parseArgs(args);
        return command.options.toSettings();
    }

    @Test
    void workerHeap_isSizedFromThreadsPerWorkerAndMaxBody() {
        // 64 / 2 = 32 threads per worker, 4 MiB bodies: 64 MiB + 32 x 6 x 4 MiB
        CrawlSettings s = settings("--mode", "PROCESS", "--workers", "2", "-c", "64", "--max-body", "4MiB",
                "http://a.test/");
        assertThat(s.sizedWorkerJvmOptions()).containsExactly("-Xmx832m");
    }

    @Test
    void usersWorkerJvmOptions_comeAfter_soTheirXmxWins() {
        CrawlSettings s = settings("--mode", "PROCESS", "--workers", "4", "-c", "8",
                "--worker-jvm-option", "-Xmx1g", "http://a.test/");
        assertThat(s.sizedWorkerJvmOptions()).containsExactly("-Xmx256m", "-Xmx1g");
    }
}
