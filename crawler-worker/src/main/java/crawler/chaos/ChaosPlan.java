package crawler.chaos;

import crawler.protocol.Chaos;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crawl's fault injection, as {@code --chaos SPEC[,SPEC...]} gives it:
 * <ul>
 *   <li>{@code kill-worker=N}: process mode only; the coordinator SIGKILLs a worker process after
 *       every N results (the URLs it held are not to blame and are not charged an attempt);</li>
 *   <li>{@code oom-at=N}: the N-th task to start in a process (each worker JVM counts its own; in
 *       the thread modes the crawler's JVM counts all) allocates and keeps memory until the JVM
 *       throws OutOfMemoryError, bounded by that JVM's -Xmx;</li>
 *   <li>{@code error-at=N}: the N-th task to start in a process throws an InternalError;</li>
 *   <li>{@code hang-at=N}: the N-th task to start in a process hangs past every timeout until the
 *       watchdog cancels it.</li>
 * </ul>
 * A worker that dies of {@code oom-at} or {@code error-at} died of its URL, so that URL is
 * charged an attempt and becomes WORKER_CRASH once the attempts run out. Whether worker kills
 * need process mode is the crawl settings' check: there is no worker to kill elsewhere.
 *
 * <p>Immutable; checked when built.
 *
 * @param killWorkerEvery after every this many results delivered, the worker holding the most URLs
 *                        is SIGKILLed (process mode); 0 = off
 * @param inTasks         the faults injected inside tasks, as {@link ChaosProcessor} and the workers'
 *                        config carry them
 */
public record ChaosPlan(int killWorkerEvery, Chaos inTasks) {

    /** No fault injected. */
    public static final ChaosPlan NONE = new ChaosPlan(0, Chaos.NONE);

    private static final Pattern ONE = Pattern.compile("(kill-worker|oom-at|error-at|hang-at)=(\\d{1,9})");

    public ChaosPlan {
        Objects.requireNonNull(inTasks, "inTasks");
        if (killWorkerEvery < 0) {
            throw new IllegalArgumentException("chaos kill-worker must be >= 0 (0 = off), was " + killWorkerEvery);
        }
    }

    /** Worker kills alone, no fault inside tasks. */
    public static ChaosPlan killingWorkerEvery(int results) {
        return new ChaosPlan(results, Chaos.NONE);
    }

    /** True when this plan kills worker processes. */
    public boolean killsWorkers() {
        return killWorkerEvery > 0;
    }

    /** True when a worker is to be killed now that the {@code delivered}-th result has been delivered. */
    public boolean killsAfter(long delivered) {
        return killWorkerEvery > 0 && delivered % killWorkerEvery == 0;
    }

    /**
     * Parses the {@code --chaos} grammar: comma-separated {@code NAME=N}, N >= 1.
     *
     * @throws IllegalArgumentException quoting {@code spec} and naming the supported settings
     */
    public static ChaosPlan parse(String spec) {
        int kill = 0;
        int oom = 0;
        int error = 0;
        int hang = 0;
        for (String part : spec.split(",", -1)) {
            Matcher m = ONE.matcher(part.strip());
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
                throw new IllegalArgumentException("'" + spec + "' is not a chaos setting; supported:"
                        + " kill-worker=N, oom-at=N, error-at=N, hang-at=N (N >= 1), comma-separated");
            }
            int n = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "kill-worker" -> kill = n;
                case "oom-at" -> oom = n;
                case "hang-at" -> hang = n;
                default -> error = n;
            }
        }
        return new ChaosPlan(kill, new Chaos(oom, error, hang));
    }

    /** The plan in the grammar {@link #parse} reads; empty for {@link #NONE}. */
    public String spec() {
        List<String> parts = new ArrayList<>();
        add(parts, "kill-worker", killWorkerEvery);
        add(parts, "oom-at", inTasks.oomAt());
        add(parts, "error-at", inTasks.errorAt());
        add(parts, "hang-at", inTasks.hangAt());
        return String.join(",", parts);
    }

    private static void add(List<String> parts, String name, int n) {
        if (n > 0) {
            parts.add(name + "=" + n);
        }
    }
}
