package crawler.bench.probe;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's readings, on a fake /proc written by the test for a real (sleeping) process, so
 * every figure is known exactly. The sampling interval is an hour: only the readings the test
 * asks for happen.
 */
class ProcessTreeProbeTest {

    @TempDir
    Path root;

    private Process sleeper;
    private long pid;

    @BeforeEach
    void startAProcessWithoutChildren() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        pid = sleeper.pid();
    }

    @AfterEach
    void stopIt() throws InterruptedException {
        sleeper.destroyForcibly();
        sleeper.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void window_countsCpuAndSwitchesSinceItsStart_andPeaksWithinIt() throws IOException {
        reading(100, 40_000, 5, 10, 1);
        ProcessTreeProbe probe = ProcessTreeProbe.start(new ProcFs(root), sleeper.toHandle(), Duration.ofHours(1));
        probe.beginWindow();
        reading(150, 30_000, 7, 25, 4);
        write(root.resolve(pid + "/task/99999/status"), "voluntary_ctxt_switches:\t7\nnonvoluntary_ctxt_switches:\t0\n");

        TreeUsage window = probe.endWindow();
        TreeUsage whole = probe.finish();

        assertThat(window.cpuMillis()).as("(150 - 100) ticks of 10 ms").isEqualTo(500);
        assertThat(window.voluntarySwitches()).as("15 more on the old thread, 7 on a new one").isEqualTo(22);
        assertThat(window.involuntarySwitches()).isEqualTo(3);
        assertThat(window.peakPssKb()).as("the larger of the window's two readings").isEqualTo(40_000);
        assertThat(window.peakThreads()).isEqualTo(7);
        assertThat(whole.cpuMillis()).isEqualTo(1_500);
        assertThat(whole.contextSwitches()).isEqualTo(25 + 4 + 7);
    }

    @Test
    void window_doesNotSeePeaksFromBeforeItStarted() throws IOException {
        reading(100, 90_000, 50, 10, 1);
        ProcessTreeProbe probe = ProcessTreeProbe.start(new ProcFs(root), sleeper.toHandle(), Duration.ofHours(1));
        probe.beginWindow();
        probe.endWindow();
        reading(120, 20_000, 4, 11, 1);
        probe.beginWindow();

        TreeUsage window = probe.endWindow();
        probe.finish();

        assertThat(window.peakPssKb()).isEqualTo(20_000);
        assertThat(window.peakThreads()).isEqualTo(4);
        assertThat(window.cpuMillis()).isZero();
    }

    @Test
    void endWindow_withoutBegin_isRefused() throws IOException {
        reading(1, 1, 1, 1, 1);
        ProcessTreeProbe probe = ProcessTreeProbe.start(new ProcFs(root), sleeper.toHandle(), Duration.ofHours(1));
        assertThatThrownBy(probe::endWindow).isInstanceOf(IllegalStateException.class);
        probe.finish();
    }

    /** One state of the fake process: CPU ticks, PSS (RSS twice that), threads, switches of its main thread. */
    private void reading(long utimeTicks, long pssKb, int threads, long voluntary, long involuntary) throws IOException {
        write(root.resolve(pid + "/stat"), pid + " (sleep) S 1 1 1 0 -1 0 0 0 0 0 " + utimeTicks + " 0 0 0 20 0 1 0 1 0 0");
        write(root.resolve(pid + "/status"), "Name:\tsleep\nThreads:\t" + threads + "\n");
        write(root.resolve(pid + "/smaps_rollup"), "0-1 [rollup]\nRss:    " + 2 * pssKb + " kB\nPss:    " + pssKb + " kB\n");
        write(root.resolve(pid + "/task/" + pid + "/status"),
                "voluntary_ctxt_switches:\t" + voluntary + "\nnonvoluntary_ctxt_switches:\t" + involuntary + "\n");
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
