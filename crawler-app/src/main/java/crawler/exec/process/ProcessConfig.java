package crawler.exec.process;

import crawler.chaos.ChaosPlan;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How process mode is laid out. Immutable; checked when built.
 *
 * @param workers               worker JVMs kept alive (P)
 * @param threadsPerWorker      fetch threads in each worker (T); concurrency is P x T
 * @param extraJvmOptions       added after the standard worker options (e.g. an AppCDS archive)
 * @param maxAttemptsPerUrl     how many workers may die holding one URL before it is reported as
 *                              WORKER_CRASH instead of being handed out again (poison URL)
 * @param chaos                 fault injection: the worker kills ({@link ChaosPlan#killsAfter}: the
 *                              worker holding the most outstanding URLs is SIGKILLed) and the faults
 *                              each worker injects into its own tasks (sent in its config); a worker
 *                              that dies of those is not SIGKILLed by us, so the URL it was running
 *                              is charged an attempt like any other poison URL
 * @param cancelGrace           how long a worker asked to cancel a stuck URL (the watchdog's
 *                              re-hand) has to answer before it is killed instead
 */
public record ProcessConfig(int workers, int threadsPerWorker, List<String> extraJvmOptions, int maxAttemptsPerUrl,
        ChaosPlan chaos, Duration cancelGrace) {

    public static final int DEFAULT_MAX_ATTEMPTS_PER_URL = 3;
    /** A cancelled call ends at once; a worker silent this long is wedged past what a cancel can reach. */
    public static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(10);

    public ProcessConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        if (threadsPerWorker < 1) {
            throw new IllegalArgumentException("threadsPerWorker must be >= 1, was " + threadsPerWorker);
        }
        Objects.requireNonNull(extraJvmOptions, "extraJvmOptions");
        extraJvmOptions = List.copyOf(extraJvmOptions);
        for (String option : extraJvmOptions) {
            if (option.isBlank()) {
                throw new IllegalArgumentException("extraJvmOptions must not contain blank entries, was "
                        + extraJvmOptions);
            }
        }
        if (maxAttemptsPerUrl < 1) {
            throw new IllegalArgumentException("maxAttemptsPerUrl must be >= 1, was " + maxAttemptsPerUrl);
        }
        Objects.requireNonNull(chaos, "chaos");
        Objects.requireNonNull(cancelGrace, "cancelGrace");
        if (cancelGrace.isNegative() || cancelGrace.isZero()) {
            throw new IllegalArgumentException("cancelGrace must be positive, was " + cancelGrace);
        }
    }

    /** With the default cancel grace. */
    public ProcessConfig(int workers, int threadsPerWorker, List<String> extraJvmOptions, int maxAttemptsPerUrl,
            ChaosPlan chaos) {
        this(workers, threadsPerWorker, extraJvmOptions, maxAttemptsPerUrl, chaos, DEFAULT_CANCEL_GRACE);
    }

    /** P workers of T threads, no extra options, 3 attempts per URL, no chaos. */
    public static ProcessConfig of(int workers, int threadsPerWorker) {
        return new ProcessConfig(workers, threadsPerWorker, List.of(), DEFAULT_MAX_ATTEMPTS_PER_URL, ChaosPlan.NONE);
    }

    public ProcessConfig withMaxAttemptsPerUrl(int n) {
        return new ProcessConfig(workers, threadsPerWorker, extraJvmOptions, n, chaos, cancelGrace);
    }

    /** With worker kills after every {@code n} results, the faults inside tasks kept. */
    public ProcessConfig withChaosKillEveryResults(int n) {
        return withChaos(new ChaosPlan(n, chaos.inTasks()));
    }

    public ProcessConfig withChaos(ChaosPlan c) {
        return new ProcessConfig(workers, threadsPerWorker, extraJvmOptions, maxAttemptsPerUrl, c, cancelGrace);
    }

    public ProcessConfig withCancelGrace(Duration grace) {
        return new ProcessConfig(workers, threadsPerWorker, extraJvmOptions, maxAttemptsPerUrl, chaos, grace);
    }
}
