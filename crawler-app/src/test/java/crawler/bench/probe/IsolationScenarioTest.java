package crawler.bench.probe;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.chaos.ChaosPlan;
import crawler.exec.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim-8 scenario's child crawls, read back into rows; the table is a pure function of them. */
class IsolationScenarioTest {

    @TempDir
    Path dir;

    @Test
    void processMode_withAnErrorInOneTaskPerWorker_losesNothing_andTheCoordinatorSurvives() throws Exception {
        IsolationScenario.Config config = new IsolationScenario.Config(30, 3, 8, 64, Duration.ofSeconds(120), dir);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        List<IsolationScenario.Row> rows = new IsolationScenario(config, quiet)
                .run(List.of(Mode.PROCESS), List.of(IsolationScenario.Fault.ERROR));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo("process");
            assertThat(r.fault()).isEqualTo("error-at");
            assertThat(r.timedOut()).isFalse();
            assertThat(r.exitCode()).isZero();
            assertThat(r.coordinatorSurvived()).isTrue();
            assertThat(r.expected()).isEqualTo(30);
            assertThat(r.lost()).isZero();
            assertThat(r.duplicates()).isZero();
            assertThat(r.ok() + r.failed()).isEqualTo(30);
            assertThat(r.workerDeaths()).isPositive();
            assertThat(r.note()).startsWith("crawl complete");
        });
    }

    @Test
    void command_rendersTheTypedCrawlOptions_withTheFaultAndTheWorkersHeap() {
        IsolationScenario scenario = new IsolationScenario(new IsolationScenario.Config(30, 3, 8, 64, Duration.ofSeconds(120), dir),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        crawler.app.CrawlArgs process = scenario.crawlArgs(Mode.PROCESS, IsolationScenario.Fault.OOM);
        assertThat(process.chaos()).isEqualTo(ChaosPlan.parse("oom-at=8"));
        assertThat(process.workers()).isEqualTo(2);
        assertThat(process.workerJvmOptions()).containsExactly("-Xmx64m");
        assertThat(process.maxTime()).isEqualTo(Duration.ofSeconds(110));
        assertThat(process.stallTimeout()).isEqualTo(Duration.ofSeconds(15));
        crawler.app.CrawlArgs virtual = scenario.crawlArgs(Mode.VIRTUAL, IsolationScenario.Fault.ERROR);
        assertThat(virtual.chaos()).isEqualTo(ChaosPlan.parse("error-at=8"));
        assertThat(virtual.workers()).isZero();
        assertThat(virtual.workerJvmOptions()).isEmpty();

        List<String> cmd = scenario.command("http://localhost:1/", Mode.VIRTUAL, IsolationScenario.Fault.ERROR, dir.resolve("r"),
                dir.resolve("s"));
        assertThat(cmd).containsSequence(virtual.argv()).containsSequence("--chaos", "error-at=8")
                .containsSequence("crawler.app.Main", "crawl", "http://localhost:1/").contains("-Xmx64m");
    }

    @Test
    void table_hasOneLinePerRow_withWorkerDeathsOnlyForProcessMode() {
        List<IsolationScenario.Row> rows = List.of(
                new IsolationScenario.Row("virtual", "oom-at", 70, false, 200, 20, 0, 0, 180, 0, -1, false, "halted"),
                new IsolationScenario.Row("process", "oom-at", 0, false, 200, 200, 0, 0, 0, 0, 8, true, "crawl complete"),
                new IsolationScenario.Row("platform", "error-at", -1, true, 200, 5, 0, 0, 195, 0, -1, false, "killed"));

        String[] lines = IsolationScenario.table(rows).split("\n");

        assertThat(lines).hasSize(4);
        assertThat(lines[0].split("\\s+")).containsExactly("mode", "fault", "exit", "expected", "ok", "failed",
                "worker_crash", "lost", "dups", "worker_deaths", "coordinator", "note");
        assertThat(lines[1].split("\\s+")).containsExactly("virtual", "oom-at", "70", "200", "20", "0", "0", "180",
                "0", "n/a", "died", "halted");
        assertThat(lines[2].split("\\s+")).containsExactly("process", "oom-at", "0", "200", "200", "0", "0", "0", "0",
                "8", "survived", "crawl", "complete");
        assertThat(lines[3].split("\\s+")).startsWith("platform", "error-at", "killed");
    }

    @Test
    void account_namesTheDeadMainThread_theCaughtErrors_andTheHalt() {
        List<String> stderr = List.of(
                "chaos: task 20 (http://localhost:1/a) allocates until OutOfMemoryError, max heap 61 MiB",
                "Exception in thread \"Okio Watchdog\" java.lang.OutOfMemoryError: Java heap space",
                "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
                "\tat crawler.coord.Coordinator.run(Coordinator.java:1)",
                "crawler: fetch thread fetch-p-4 hit java.lang.OutOfMemoryError: Java heap space on http://localhost:1/b;",
                "crawler: fetch thread fetch-p-0 hit java.lang.OutOfMemoryError: Java heap space on http://localhost:1/c;",
                "crawler: fetch thread fetch-p-5 died of java.lang.OutOfMemoryError: Java heap space and its URL cannot"
                        + " get a result; ... so the crawl stops here (exit status 70)");

        assertThat(IsolationScenario.account(stderr)).isEqualTo("main (coordinator) thread died of"
                + " java.lang.OutOfMemoryError: Java heap space; 2 fetch thread(s) caught an Error on their URL;"
                + " a fetch thread died of an Error: JVM halted");
        assertThat(IsolationScenario.account(List.of("x", "Exception in thread \"t\" java.lang.InternalError", "y")))
                .isEqualTo("Exception in thread \"t\" java.lang.InternalError");
    }

    @Test
    void config_rejectsBadValues_namingThem() {
        assertThatThrownBy(() -> new IsolationScenario.Config(200, 3, 0, 64, Duration.ofSeconds(1), dir))
                .hasMessage("faultAt must be >= 1, was 0");
        assertThatThrownBy(() -> new IsolationScenario.Config(200, 3, 5, 8, Duration.ofSeconds(1), dir))
                .hasMessage("heapMb must be >= 16, was 8");
    }
}
