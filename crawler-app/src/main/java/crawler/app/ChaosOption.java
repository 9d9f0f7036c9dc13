package crawler.app;

import crawler.protocol.Chaos;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --chaos SPEC[,SPEC...]}: fault injection for the reliability scenarios.
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
 * charged an attempt and becomes WORKER_CRASH once the attempts run out.
 *
 * @param killWorkerEvery 0 = off
 * @param oomAt           0 = off
 * @param errorAt         0 = off
 * @param hangAt          0 = off
 */
record ChaosOption(int killWorkerEvery, int oomAt, int errorAt, int hangAt) {

    static final ChaosOption NONE = new ChaosOption(0, 0, 0, 0);

    ChaosOption {
        if (killWorkerEvery < 0 || oomAt < 0 || errorAt < 0 || hangAt < 0) {
            throw new IllegalArgumentException("chaos counts must be >= 0, were kill-worker=" + killWorkerEvery
                    + ", oom-at=" + oomAt + ", error-at=" + errorAt + ", hang-at=" + hangAt);
        }
    }

    ChaosOption(int killWorkerEvery, int oomAt, int errorAt) {
        this(killWorkerEvery, oomAt, errorAt, 0);
    }

    /** The faults injected inside tasks, as the workers and thread executors receive them. */
    Chaos inTasks() {
        return new Chaos(oomAt, errorAt, hangAt);
    }

    static final class Converter implements CommandLine.ITypeConverter<ChaosOption> {
        private static final Pattern ONE = Pattern.compile("(kill-worker|oom-at|error-at|hang-at)=(\\d{1,9})");

        @Override
        public ChaosOption convert(String value) {
            int kill = 0;
            int oom = 0;
            int error = 0;
            int hang = 0;
            for (String part : value.split(",", -1)) {
                Matcher m = ONE.matcher(part.strip());
                if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is not a chaos setting; supported:"
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
            return new ChaosOption(kill, oom, error, hang);
        }
    }
}
