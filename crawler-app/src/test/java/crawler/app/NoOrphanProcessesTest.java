package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The orphan check itself: it must catch a process left running, and kill it. */
class NoOrphanProcessesTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void aProcessStartedDuringTheTest_andStillRunning_failsTheTest_andIsKilled() throws Exception {
        NoOrphanProcesses check = new NoOrphanProcesses(SHORT);
        check.beforeEach(null);
        Process sleeper = new ProcessBuilder("sleep", "60").start();

        assertThatThrownBy(() -> check.afterEach(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("pid " + sleeper.pid()).hasMessageContaining("sleep");
        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).as("killed by the check").isTrue();
    }

    @Test
    void aTrackedProcess_thatIsNotADescendant_isCheckedToo() throws Exception {
        NoOrphanProcesses check = new NoOrphanProcesses(SHORT);
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        check.beforeEach(null); // already running: not this test's, unless tracked
        check.track(sleeper.toHandle());

        assertThatThrownBy(() -> check.afterEach(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("pid " + sleeper.pid());
        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void processesThatExitWithinTheWait_pass() throws Exception {
        NoOrphanProcesses check = new NoOrphanProcesses(Duration.ofSeconds(10));
        check.beforeEach(null);
        Process quick = new ProcessBuilder("true").start();
        check.track(quick.toHandle());

        check.afterEach(null);
        assertThat(NoOrphanProcesses.leftAlive(List.of(quick.toHandle()), SHORT)).isEmpty();
    }
}
