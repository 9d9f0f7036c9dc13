package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.chaos.ChaosPlan;
import crawler.exec.Batch;
import crawler.page.PageTask;
import crawler.protocol.Chaos;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessConfigTest {

    @ParameterizedTest
    @CsvSource({
        "0, 1, 3, 'workers must be >= 1, was 0'",
        "1, 0, 3, 'threadsPerWorker must be >= 1, was 0'",
        "1, 1, 0, 'maxAttemptsPerUrl must be >= 1, was 0'"
    })
    void badValue_isRejected_withItsNameAndValue(int workers, int threads, int attempts, String message) {
        assertThatThrownBy(() -> new ProcessConfig(workers, threads, List.of(), attempts, ChaosPlan.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void blankJvmOption_isRejected() {
        assertThatThrownBy(() -> new ProcessConfig(1, 1, List.of("-Xss1m", " "), 3, ChaosPlan.NONE))
                .hasMessageContaining("extraJvmOptions must not contain blank entries");
    }

    @Test
    void defaults_areThreeAttempts_noChaos() {
        assertThat(ProcessConfig.of(4, 8)).isEqualTo(new ProcessConfig(4, 8, List.of(), 3, ChaosPlan.NONE));
    }

    @Test
    void workerKills_keepTheFaultsInsideTasks() {
        ProcessConfig config = ProcessConfig.of(2, 2).withChaos(new ChaosPlan(0, new Chaos(3, 0)))
                .withChaosKillEveryResults(5);

        assertThat(config.chaos()).isEqualTo(new ChaosPlan(5, new Chaos(3, 0)));
    }

    @Test
    void batchListingAUrlTwice_isRejected() {
        String url = "http://127.0.0.1:1/a";
        Batch batch = new Batch(1, List.of(new PageTask(url, 0), new PageTask("http://127.0.0.1:1/b", 0),
                new PageTask(url, 1)));

        assertThatThrownBy(() -> ProcessExecutor.requireDistinctUrls(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch 1 lists " + url + " twice");
    }

    @Test
    void launcher_putsWorkerOptionsBeforeClassPathAndMain() {
        List<String> command = WorkerLauncher.forCurrentJvm(List.of("-Dx=y")).command();
        List<String> standard = WorkerLauncher.standardOptions(Runtime.version().feature());

        assertThat(command.subList(1, 1 + standard.size())).isEqualTo(standard);
        assertThat(command.get(1 + standard.size())).isEqualTo("-Dx=y");
        assertThat(command.get(command.size() - 3)).isEqualTo("-cp");
        assertThat(command.getLast()).isEqualTo(WorkerLauncher.WORKER_MAIN);
    }

    @Test
    void workerOptions_logWarningsToStderr_withoutStartupCacheMessages() {
        assertThat(WorkerLauncher.standardOptions(25)).startsWith("-Xlog:disable",
                "-Xlog:all=warning,aot*=off,cds*=off:stderr");
        // JDK 21-24 know no aot log tag, and an unknown tag stops the JVM from starting.
        assertThat(WorkerLauncher.standardOptions(21)).startsWith("-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr");
        assertThat(WorkerLauncher.standardOptions(25)).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void underSurefire_workersFallBackToTheTestClassPath_withoutACache() {
        // Worker classes come from a class directory or a module's own target/ here, so there is
        // no lean class path and no cache to match it; test-only worker mains must stay reachable.
        List<String> command = WorkerLauncher.forCurrentJvm(List.of()).command();

        assertThat(command.get(command.size() - 2)).isEqualTo(System.getProperty("java.class.path"));
        assertThat(command).noneMatch(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile="));
    }
}
