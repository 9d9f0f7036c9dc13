package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.exec.Batch;
import crawler.page.PageTask;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessConfigTest {

    @ParameterizedTest
    @CsvSource({
        "0, 1, 3, 0, 'workers must be >= 1, was 0'",
        "1, 0, 3, 0, 'threadsPerWorker must be >= 1, was 0'",
        "1, 1, 0, 0, 'maxAttemptsPerUrl must be >= 1, was 0'",
        "1, 1, 3, -1, 'chaosKillEveryResults must be >= 0 (0 = off), was -1'"
    })
    void badValue_isRejected_withItsNameAndValue(int workers, int threads, int attempts, int chaos, String message) {
        assertThatThrownBy(() -> new ProcessConfig(workers, threads, List.of(), attempts, chaos))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void blankJvmOption_isRejected() {
        assertThatThrownBy(() -> new ProcessConfig(1, 1, List.of("-Xss1m", " "), 3, 0))
                .hasMessageContaining("extraJvmOptions must not contain blank entries");
    }

    @Test
    void defaults_areThreeAttempts_noChaos() {
        assertThat(ProcessConfig.of(4, 8)).isEqualTo(new ProcessConfig(4, 8, List.of(), 3, 0));
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

        assertThat(command.subList(1, 6)).containsExactly("-Xlog:disable", "-Xlog:all=warning:stderr", "-Xmx256m",
                "-XX:+UseSerialGC", "-Dx=y");
        assertThat(command.get(6)).isEqualTo("-cp");
        assertThat(command.get(8)).isEqualTo(WorkerLauncher.WORKER_MAIN);
        assertThat(command).doesNotContain("-XX:TieredStopAtLevel=1");
    }
}
