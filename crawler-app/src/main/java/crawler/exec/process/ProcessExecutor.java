package crawler.exec.process;

import crawler.exec.Batch;
import crawler.exec.BatchExecutor;
import crawler.exec.ExecEvent;
import crawler.exec.ResultListener;
import crawler.fetch.FetchConfig;
import crawler.page.ErrorKind;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.ToWorker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Process mode: P worker JVMs, each running T fetch threads over one shared page processor,
 * fed batches as JSON lines on stdin and answering on stdout.
 *
 * <p>Guarantees: each submitted URL yields exactly one {@link ResultListener#onResult} call. When
 * a worker dies, results it already sent stay delivered; URLs it still held are handed to
 * the least-loaded live worker (its slot is refilled with a new process). A URL that workers have
 * died on while running it {@link ProcessConfig#maxAttemptsPerUrl} times is reported as
 * {@link ErrorKind#WORKER_CRASH} instead of being handed out again. A URL a worker had not yet
 * started when it died is not charged an attempt. Results for URLs a worker does not hold are
 * dropped with a warning, never delivered twice.
 *
 * <p>A slot whose process dies is refilled: at once after a worker that was up, with back-off after
 * one that could not start; meanwhile its URLs go to the other workers, or wait when none is live.
 * When no worker is live and none can be started, {@link ExecEvent.SubstrateFailed} says why and
 * {@link #submit} refuses work: the crawl stops with that error rather than fail every URL.
 *
 * <p>The watchdog's {@link #rehand} asks the holding worker to cancel just the stuck URL and kills
 * that worker only if it does not answer within {@link ProcessConfig#cancelGrace}.
 *
 * <p>Thread-safety: {@link #submit} and {@link #shutdown} may be called from any thread (the
 * coordinator uses one). Listener calls come from the workers' reader threads, concurrently
 * across workers. No child process outlives {@link #shutdown}. Workers run in a session of their
 * own ({@link OwnSession}), so a terminal's Ctrl-C reaches this JVM only; its shutdown hook then
 * stops respawning and waits for the crawl's orderly stop (workers finishing their URLs) before it
 * kills whatever is left. A worker exits by itself if this JVM dies (its stdin reaches EOF).
 *
 * <p>This class is the {@link BatchExecutor} face and the watchdog's cancels; the rest has a class
 * each, all sharing one lock ({@link RunState}): {@link WorkerSlots} starts and refills the worker
 * processes, {@link Handout} hands out work and keeps the ledger, {@link WorkerMessages} reacts to
 * what the workers say, and {@link ExecutorStop} ends them.
 */
public final class ProcessExecutor implements BatchExecutor {

    /**
     * Longest line read from a worker's stdout. A result line carries one page's links and title;
     * with the per-page link limit that stays far below this. Longer is a protocol error.
     */
    static final int DEFAULT_MAX_LINE_CHARS = 32 << 20;

    private final ProcessConfig config;
    private final FetchConfig fetchConfig;
    private final WorkerLauncher launcher;
    private final Codec codec = new Codec();
    private final PrintStream log = System.err;
    private final AtomicLong delivered = new AtomicLong();
    private final int maxLineChars;

    private final RunState state = new RunState();
    private final Object lock = state.lock;
    /** Pids this executor SIGKILLed for chaos testing; guarded by {@link #lock}. */
    private final Set<Long> chaosVictims = new HashSet<>();
    private final Handout handout;
    private final WorkerSlots slots;
    private final WorkerMessages fromWorkers;
    private final ExecutorStop stop;

    /**
     * Starts {@code config.workers()} worker JVMs in parallel and waits for each one's hello.
     *
     * @throws IllegalStateException if a worker cannot be spawned, exits, or stays silent for
     *                               {@link WorkerSlots#HELLO_TIMEOUT}; every spawned worker is killed first
     */
    public ProcessExecutor(ProcessConfig config, FetchConfig fetchConfig, ResultListener listener) {
        this(config, fetchConfig, listener, WorkerLauncher.forCurrentJvm(config.extraJvmOptions()));
    }

    /** With another launcher, e.g. one that runs a fault-injecting worker main class (tests). */
    ProcessExecutor(ProcessConfig config, FetchConfig fetchConfig, ResultListener listener,
            WorkerLauncher launcher) {
        this(config, fetchConfig, listener, launcher, DEFAULT_MAX_LINE_CHARS);
    }

    /** With another limit on the length of a worker's stdout line (tests). */
    ProcessExecutor(ProcessConfig config, FetchConfig fetchConfig, ResultListener listener,
            WorkerLauncher launcher, int maxLineChars) {
        this.maxLineChars = maxLineChars;
        this.config = Objects.requireNonNull(config, "config");
        this.fetchConfig = Objects.requireNonNull(fetchConfig, "fetchConfig");
        ListenerCalls calls = new ListenerCalls(listener, log);
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.handout = new Handout(state,
                new WorkLedger(config.workers(), config.maxAttemptsPerUrl(), config.threadsPerWorker()));
        this.slots = new WorkerSlots(state, config.workers(), this::spawn, handout, calls, log);
        handout.handTo(slots);
        TornArchives torn = new TornArchives(fetchConfig.warc(), log);
        this.fromWorkers = new WorkerMessages(state, slots, handout, torn, calls, config.maxAttemptsPerUrl(),
                chaosVictims, this::afterDelivery, log);
        this.stop = new ExecutorStop(state, slots, handout, torn, log);
        stop.installHook();
        try {
            slots.startAll();
        } catch (RuntimeException e) {
            shutdown(0);
            throw e;
        }
    }

    /** Pids of every worker process this executor has spawned, respawned ones included. */
    public List<Long> spawnedPids() {
        return slots.spawned().stream().map(WorkerProcess::pid).toList();
    }

    /**
     * Sends the batch to the live worker with the fewest outstanding URLs.
     *
     * @throws IllegalArgumentException if the batch lists one URL twice
     * @throws IllegalStateException    after {@link #shutdown}, or when no worker is live and none
     *                                  can be started ({@link ExecEvent.SubstrateFailed} said why)
     */
    @Override
    public void submit(Batch batch) {
        requireDistinctUrls(batch);
        synchronized (lock) {
            handout.submit(batch);
        }
    }

    /** Results are matched to URLs per wire batch, so a URL listed twice in one batch could not be told apart. */
    static void requireDistinctUrls(Batch batch) {
        Set<String> urls = new HashSet<>();
        for (PageTask task : batch.tasks()) {
            if (!urls.add(task.url())) {
                throw new IllegalArgumentException("batch " + batch.id() + " lists " + task.url() + " twice");
            }
        }
    }

    /**
     * Sends Shutdown to every worker and waits up to {@code graceMillis} for them to finish the URLs
     * they hold and exit (their results are still delivered meanwhile); then closes the stdin of
     * those still running, which makes a worker abandon its work and exit at once, and SIGKILLs any
     * that has not within a few seconds more. URLs still outstanding are abandoned without a
     * result. Nothing is respawned from the first moment of the stop. A second caller waits for the
     * first one's stop to finish.
     */
    @Override
    public void shutdown(long graceMillis) {
        stop.shutdown(graceMillis);
    }

    /**
     * The watchdog's re-hand: asks the worker holding each URL to cancel just that URL. A worker
     * that answers (its thread is free again) gets nothing charged; the URL goes out again in a new
     * wire batch to the least-loaded worker, and every other URL in flight there runs on. A worker
     * that does not answer within {@link ProcessConfig#cancelGrace} is wedged past what a cancel can
     * reach and is SIGKILLed: its death is handled like any crash, so the URLs it was running are
     * handed out again and charged an attempt, and a URL that hangs every worker ends as
     * WORKER_CRASH. Returns the URLs a cancel was sent for.
     */
    @Override
    public Set<String> rehand(Collection<String> urls) {
        return cancel(urls, false);
    }

    /**
     * The coordinator recorded these URLs as STALLED: their workers are asked to cancel them, and
     * whatever answer comes (a cancel or a late result) is not handed out again. No worker is killed
     * for them.
     */
    @Override
    public void giveUp(Collection<String> urls) {
        cancel(urls, true);
    }

    private Set<String> cancel(Collection<String> urls, boolean givingUp) {
        Map<WorkerProcess, List<WorkLedger.Held>> asked = new LinkedHashMap<>();
        synchronized (lock) {
            if (state.stopping) {
                return Set.of();
            }
            for (WorkLedger.Held h : handout.held(urls)) {
                WorkerProcess w = slots.process(h.workerId());
                if (w == null) {
                    continue;
                }
                if (givingUp) {
                    handout.giveUp(h.url());
                }
                w.send(new ToWorker.Cancel(h.wireBatch(), h.url()));
                asked.computeIfAbsent(w, k -> new ArrayList<>()).add(h);
            }
        }
        Set<String> sent = new HashSet<>();
        asked.forEach((w, held) -> {
            held.forEach(h -> sent.add(h.url()));
            log.println("process executor: watchdog: asked worker " + w.workerId() + " (pid " + w.pid()
                    + ") to cancel " + held.size() + " stuck URL" + (held.size() == 1 ? "" : "s")
                    + (givingUp ? " given up on" : "; it has " + config.cancelGrace().toMillis()
                            + " ms to answer before it is killed"));
            if (!givingUp) {
                CompletableFuture.delayedExecutor(config.cancelGrace().toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> killIfUnanswered(w, held));
            }
        });
        return sent;
    }

    /** The cancel grace is over: a worker still holding a URL it was asked to cancel is killed. */
    private void killIfUnanswered(WorkerProcess w, List<WorkLedger.Held> asked) {
        synchronized (lock) {
            if (state.stopping || state.jvmExiting || !slots.fills(w) || !handout.holdsAny(asked)) {
                return;
            }
        }
        log.println("process executor: watchdog: SIGKILL worker " + w.workerId() + " (pid " + w.pid()
                + "): it did not answer a cancel within " + config.cancelGrace().toMillis() + " ms");
        w.kill();
    }

    private WorkerProcess spawn(int workerId) {
        try {
            return WorkerProcess.start(workerId, launcher,
                    new ToWorker.Config(workerId, config.threadsPerWorker(), fetchConfig, config.chaos().inTasks()), codec, fromWorkers, log,
                    maxLineChars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + workerId + " with " + launcher.command(), e);
        }
    }

    private void afterDelivery() {
        long n = delivered.incrementAndGet();
        if (!config.chaos().killsAfter(n)) {
            return;
        }
        WorkerProcess victim = null;
        synchronized (lock) {
            if (state.stopping) {
                return;
            }
            int busiest = handout.busiest();
            if (busiest > 0) {
                victim = slots.process(busiest);
            }
            if (victim != null) {
                chaosVictims.add(victim.pid());
            }
        }
        if (victim != null) {
            log.println("process executor: chaos: SIGKILL worker " + victim.workerId() + " (pid " + victim.pid()
                    + ") after " + n + " results");
            victim.kill();
        }
    }

    /** Names the worker (id and pid) holding each URL, from the ledger. */
    @Override
    public Map<String, String> holders(Collection<String> urls) {
        Map<String, String> out = new LinkedHashMap<>();
        synchronized (lock) {
            handout.holders(urls).forEach((url, workerId) -> {
                WorkerProcess w = slots.process(workerId);
                out.put(url, "worker " + workerId + (w == null ? "" : " (pid " + w.pid() + ")"));
            });
        }
        return out;
    }
}
