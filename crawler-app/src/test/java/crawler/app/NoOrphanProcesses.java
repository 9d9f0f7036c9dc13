package crawler.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a process it started running: after each test, every descendant of
 * this JVM that was not alive before the test, and every process the test {@linkplain #track
 * tracked} (e.g. the workers of a child JVM it killed, which are re-parented away from this JVM
 * and so are no longer its descendants), must have exited. Each gets a bounded wait for its own
 * exit first (a worker needs a moment to see its stdin close); one still alive then is killed, so
 * it cannot disturb later tests, and the test fails naming it.
 *
 * <p>Use as {@code @RegisterExtension final NoOrphanProcesses orphans = new NoOrphanProcesses();}.
 * Tests of one class must not run in parallel with each other (they do not, by default).
 */
final class NoOrphanProcesses implements BeforeEachCallback, AfterEachCallback {

    /** Longest wait for a leftover process to exit by itself before it counts as an orphan. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(15);

    private final List<ProcessHandle> tracked = new CopyOnWriteArrayList<>();
    private final Duration exitWait;
    private Set<Long> before = Set.of();

    NoOrphanProcesses() {
        this(EXIT_WAIT);
    }

    /** With another wait for leftovers to exit by themselves. */
    NoOrphanProcesses(Duration exitWait) {
        this.exitWait = exitWait;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        tracked.clear();
        before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Also checks these processes after the test, descendants of this JVM or not. */
    void track(ProcessHandle process) {
        tracked.add(process);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        List<ProcessHandle> suspects = new ArrayList<>(tracked);
        ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid())).forEach(suspects::add);
        List<String> orphans = leftAlive(suspects, exitWait);
        if (!orphans.isEmpty()) {
            throw new AssertionError("processes started by this test still running " + exitWait.toMillis()
                    + " ms after it ended (now killed): " + orphans);
        }
    }

    /**
     * Waits up to {@code wait} in all for the processes to exit; kills and names those that do not.
     * Returns descriptions ("pid 123: java ... WorkerMain") of the ones that had to be killed.
     */
    static List<String> leftAlive(List<ProcessHandle> processes, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> alive = new ArrayList<>();
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                alive.add("pid " + p.pid() + ": " + p.info().commandLine().orElse("?"));
                p.destroyForcibly();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot wait for pid " + p.pid(), e);
            }
        }
        return alive;
    }
}
