package crawler.exec.process;

import crawler.archive.WarcConfig;
import crawler.archive.WarcFiles;
import crawler.archive.WarcTruncator;
import crawler.exec.Batch;
import crawler.exec.BatchExecutor;
import crawler.exec.ExecEvent;
import crawler.exec.ResultListener;
import crawler.fetch.FetchConfig;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.ToWorker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 */
public final class ProcessExecutor implements BatchExecutor {

    /**
     * Longest line read from a worker's stdout. A result line carries one page's links and title;
     * with the per-page link limit that stays far below this. Longer is a protocol error.
     */
    static final int DEFAULT_MAX_LINE_CHARS = 32 << 20;
    /** Longest wait for a new worker's hello in the constructor. */
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A slot whose new process cannot be spawned, or dies before hello, this many times in a row is
     * given up. The tries are spaced by {@link #RESPAWN_BACKOFF_MS}, doubling: a passing shortage
     * (memory, process slots, file descriptors) is waited out; a worker that cannot start at all
     * is given up within seconds.
     */
    private static final int MAX_START_FAILURES = 5;
    /** The wait before the second try at refilling a slot; each try after it waits twice as long. */
    static final long RESPAWN_BACKOFF_MS = 250;
    private static final long KILL_WAIT_MS = 5_000;
    private static final long JOIN_WAIT_MS = 5_000;
    /** After its grace, a worker whose stdin closed has this long to exit by itself before SIGKILL. */
    private static final long EOF_EXIT_WAIT_MS = 5_000;
    /**
     * On JVM exit (Ctrl-C), how long the shutdown hook waits for the crawl's own orderly
     * {@link #shutdown} (workers finishing their URLs) before it kills what is left.
     */
    private static final long HOOK_WAIT_MS = 12_000;

    private final ProcessConfig config;
    private final FetchConfig fetchConfig;
    private final ResultListener listener;
    private final WorkerLauncher launcher;
    private final Codec codec = new Codec();
    private final PrintStream log = System.err;
    private final WorkerProcess.Listener fromWorkers = new FromWorkers();
    private final List<WorkerProcess> spawned = new CopyOnWriteArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread killChildrenHook;
    private final int maxLineChars;
    /** Counted down when {@link #shutdown} has finished: every worker is gone. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    private final Object lock = new Object();
    /** Pids this executor SIGKILLed for chaos testing; guarded by {@link #lock}. */
    private final Set<Long> chaosVictims = new HashSet<>();
    /** Slot i holds worker id i + 1. Guarded by {@link #lock}, like everything below. */
    private final Slot[] slots;
    private final WorkLedger ledger;
    private boolean started; // every first worker said hello
    private boolean stopping;
    /** Set when a stop's grace is over: no result is delivered from then on. */
    private volatile boolean abandoning;
    /** The JVM is exiting (Ctrl-C): nothing is respawned, a worker that ends is not a crash. */
    private boolean jvmExiting;
    /** Worker ids whose process ended other than by exiting 0: their WARC files may end torn. */
    private final Set<Integer> tornWriters = new TreeSet<>();
    /** Work waiting for a slot to be refilled, when no worker is live. */
    private final List<WorkLedger.Pending> parked = new ArrayList<>();
    /** Set when no worker is live and none can be started: the substrate has failed. */
    private String failure;
    /** URLs the coordinator gave up on: a cancel acknowledged for one is not handed out again. */
    private final Set<String> givenUp = new HashSet<>();

    /** One worker position: its current process. Guarded by {@link #lock}. */
    private static final class Slot {
        final int workerId;
        WorkerProcess process; // null while empty
        boolean helloSeen;
        int startFailures;
        boolean respawnPending; // a new process is due after a back-off

        Slot(int workerId) {
            this.workerId = workerId;
        }
    }

    /**
     * Starts {@code config.workers()} worker JVMs in parallel and waits for each one's hello.
     *
     * @throws IllegalStateException if a worker cannot be spawned, exits, or stays silent for
     *                               {@link #HELLO_TIMEOUT}; every spawned worker is killed first
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
        this.listener = Objects.requireNonNull(listener, "listener");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.slots = new Slot[config.workers()];
        this.ledger = new WorkLedger(config.workers(), config.maxAttemptsPerUrl(), config.threadsPerWorker());
        this.killChildrenHook = new Thread(this::onJvmExit, "process-executor-kill-workers");
        Runtime.getRuntime().addShutdownHook(killChildrenHook);
        try {
            List<WorkerProcess> first = new ArrayList<>();
            synchronized (lock) {
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = new Slot(i + 1);
                    slots[i].process = spawn(i + 1);
                    ledger.setLive(i + 1, true);
                    first.add(slots[i].process);
                }
            }
            awaitHellos(first);
            synchronized (lock) {
                for (Slot slot : slots) {
                    if (slot.process == null) {
                        throw new IllegalStateException("worker " + slot.workerId + " died during start-up");
                    }
                }
                started = true;
            }
        } catch (RuntimeException e) {
            shutdown(0);
            throw e;
        }
    }

    /** Pids of every worker process this executor has spawned, respawned ones included. */
    public List<Long> spawnedPids() {
        return spawned.stream().map(WorkerProcess::pid).toList();
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
        List<PageResult> undeliverable = new ArrayList<>();
        synchronized (lock) {
            if (stopping) {
                throw new IllegalStateException("executor is shut down; batch " + batch.id() + " refused");
            }
            if (ledger.anyLive()) {
                send(ledger.assign(batch.tasks()));
            } else if (respawnPending()) {
                batch.tasks().forEach(t -> parked.add(new WorkLedger.Pending(t, 0, false)));
            } else {
                throw new IllegalStateException(failure != null ? failure : "no live worker process; batch "
                        + batch.id() + " refused");
            }
        }
        undeliverable.forEach(this::deliver);
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
        List<WorkerProcess> live = new ArrayList<>();
        int abandoned;
        boolean second;
        synchronized (lock) {
            second = stopping;
            stopping = true;
            abandoned = second ? 0 : ledger.totalOutstanding();
        }
        if (second) {
            awaitStopped(graceMillis + EOF_EXIT_WAIT_MS + KILL_WAIT_MS);
            return;
        }
        synchronized (lock) {
            for (Slot slot : slots) {
                if (slot != null && slot.process != null) {
                    live.add(slot.process);
                }
            }
        }
        if (abandoned > 0) {
            log.println("process executor: stopping with " + abandoned + " URLs outstanding; the workers get "
                    + graceMillis + " ms to finish them");
        }
        live.forEach(WorkerProcess::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, graceMillis));
        try {
            for (WorkerProcess w : live) {
                w.awaitExit(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            }
            List<WorkerProcess> late = spawned.stream().filter(WorkerProcess::isAlive).toList();
            // The grace is over: what the workers still hold is abandoned, and a result a cancelled
            // fetch still sends is not a page that was fetched.
            abandoning = true;
            late.forEach(WorkerProcess::closeInput);
            long eofDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EOF_EXIT_WAIT_MS);
            for (WorkerProcess w : late) {
                if (!w.awaitExit(TimeUnit.NANOSECONDS.toMillis(eofDeadline - System.nanoTime()))) {
                    log.println("process executor: worker " + w.workerId() + " (pid " + w.pid()
                            + ") still running after the grace period and the end of its input; killing it");
                    w.kill();
                }
            }
            for (WorkerProcess w : spawned) {
                if (!w.awaitExit(KILL_WAIT_MS)) {
                    log.println("process executor: worker pid " + w.pid() + " did not die within " + KILL_WAIT_MS
                            + " ms of SIGKILL");
                }
                w.joinThreads(JOIN_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoning = true;
            killAll();
        } finally {
            repairArchives();
            stopped.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killChildrenHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs and finds the stop done.
        }
    }

    /**
     * Every worker is gone: a worker that died (killed, crashed) while appending to its WARC file
     * left a torn record at its end. Cut off here, at the end of the crawl, and not only when the
     * crawl is resumed, so that a finished crawl's archive reads to its end. Only the files of
     * writers that died are read; a file's whole URLs are never touched.
     */
    private void repairArchives() {
        WarcConfig warc = fetchConfig.warc();
        if (warc == null) {
            return;
        }
        List<Integer> ids;
        synchronized (lock) {
            ids = List.copyOf(tornWriters);
        }
        for (int id : ids) {
            try {
                for (Path file : WarcFiles.list(warc.prefix(), warc.forWorker(id).writerId())) {
                    WarcTruncator.Check check = WarcTruncator.repair(file);
                    if (check.torn()) {
                        log.println("process executor: " + file + ": cut off a torn tail left by a worker " + id
                                + " that died (" + (check.size() - check.validBytes()) + " bytes after "
                                + check.urls() + " whole URLs)" + (check.validBytes() == 0 ? "; file deleted" : ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.println("process executor: cannot repair the WARC files of worker " + id + ": " + e);
            }
        }
    }

    /** A second {@link #shutdown}: waits (bounded) for the first one to end. */
    private void awaitStopped(long millis) {
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The JVM is exiting (Ctrl-C, SIGTERM): from now on nothing is respawned and a worker's end is
     * not a crash. The crawl's own stop (the coordinator shutting this executor down, workers
     * finishing their URLs) is given {@link #HOOK_WAIT_MS}; whatever is left after it is killed.
     */
    private void onJvmExit() {
        synchronized (lock) {
            jvmExiting = true;
        }
        try {
            if (stopped.await(HOOK_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killAll();
    }

    private WorkerProcess spawn(int workerId) {
        try {
            WorkerProcess w = WorkerProcess.start(workerId, launcher,
                    new ToWorker.Config(workerId, config.threadsPerWorker(), fetchConfig, config.chaos().inTasks()), codec, fromWorkers, log,
                    maxLineChars);
            spawned.add(w);
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + workerId + " with " + launcher.command(), e);
        }
    }

    private void awaitHellos(List<WorkerProcess> workers) {
        long deadline = System.nanoTime() + HELLO_TIMEOUT.toNanos();
        for (WorkerProcess w : workers) {
            try {
                w.hello().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("worker " + w.workerId() + " (pid " + w.pid()
                        + ") did not say hello within " + HELLO_TIMEOUT.toSeconds() + " s; its stderr ends with:\n"
                        + w.stderrTail());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for worker " + w.workerId(), e);
            }
        }
    }

    /** Caller holds the lock, so wire batches reach each worker's queue in ledger order. */
    private void send(List<WorkLedger.Assignment> assignments) {
        for (WorkLedger.Assignment a : assignments) {
            slots[a.workerId() - 1].process.send(new ToWorker.BatchMessage(a.wireBatch(), a.tasks()));
        }
    }

    /** The slot {@code w} currently fills, or null if it was replaced. Caller holds the lock. */
    private Slot slotOf(WorkerProcess w) {
        Slot slot = slots[w.workerId() - 1];
        return slot != null && slot.process == w ? slot : null;
    }

    private void deliver(PageResult result) {
        try {
            listener.onResult(result);
        } catch (RuntimeException e) {
            // A listener bug must not kill a pipe reader: that would strand the worker's other results.
            log.println("process executor: result listener threw on " + result.url() + ": " + e);
        }
    }

    private void fire(ExecEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.println("process executor: listener threw on " + event + ": " + e);
        }
    }

    private void afterDelivery() {
        long n = delivered.incrementAndGet();
        if (!config.chaos().killsAfter(n)) {
            return;
        }
        WorkerProcess victim = null;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            int busiest = ledger.busiest();
            if (busiest > 0) {
                victim = slots[busiest - 1].process;
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
            ledger.holders(urls).forEach((url, workerId) -> {
                WorkerProcess w = slots[workerId - 1].process;
                out.put(url, "worker " + workerId + (w == null ? "" : " (pid " + w.pid() + ")"));
            });
        }
        return out;
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
            if (stopping) {
                return Set.of();
            }
            for (WorkLedger.Held h : ledger.held(urls)) {
                WorkerProcess w = slots[h.workerId() - 1].process;
                if (w == null) {
                    continue;
                }
                if (givingUp) {
                    givenUp.add(h.url());
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
            if (stopping || jvmExiting || slotOf(w) == null
                    || asked.stream().noneMatch(h -> ledger.holds(h.workerId(), h.wireBatch(), h.url()))) {
                return;
            }
        }
        log.println("process executor: watchdog: SIGKILL worker " + w.workerId() + " (pid " + w.pid()
                + "): it did not answer a cancel within " + config.cancelGrace().toMillis() + " ms");
        w.kill();
    }

    private void killAll() {
        for (WorkerProcess w : spawned) {
            w.kill();
        }
    }

    private static PageResult crashResult(PageTask task, String why, long pid, Integer workerId) {
        return PageResult.failed(task, new PageError(ErrorKind.WORKER_CRASH, why)).ranBy(pid, 0, null, false)
                .withWorkerId(workerId);
    }

    /** Reacts to worker output; all calls for one worker come from its reader thread, in order. */
    private final class FromWorkers implements WorkerProcess.Listener {

        @Override
        public void onHello(WorkerProcess worker, FromWorker.Hello hello, long startupMs) {
            synchronized (lock) {
                Slot slot = slotOf(worker);
                if (slot == null) {
                    return;
                }
                slot.helloSeen = true;
                slot.startFailures = 0;
            }
            fire(new ExecEvent.WorkerStarted(worker.workerId(), hello.pid(), startupMs));
        }

        @Override
        public void onFirstResult(WorkerProcess worker, long spawnToResultMs) {
            fire(new ExecEvent.WorkerFirstResult(worker.workerId(), worker.pid(), spawnToResultMs));
        }

        @Override
        public void onStarted(WorkerProcess worker, FromWorker.Started started) {
            synchronized (lock) {
                if (slotOf(worker) != null) {
                    ledger.started(worker.workerId(), started.batch(), started.url());
                }
            }
        }

        @Override
        public void onResult(WorkerProcess worker, FromWorker.ResultMessage message) {
            PageResult result = message.result();
            if (abandoning) {
                return; // past the stop's grace: the work was abandoned, as the BatchExecutor contract says
            }
            boolean held;
            synchronized (lock) {
                held = slotOf(worker) != null && ledger.complete(worker.workerId(), message.batch(), result.url());
                if (held) {
                    givenUp.remove(result.url());
                }
            }
            if (!held) {
                log.println("process executor: dropping result for " + result.url() + " of batch " + message.batch()
                        + " from worker " + worker.workerId() + ": not outstanding there");
                return;
            }
            deliver(result);
            afterDelivery();
        }

        @Override
        public void onCancelled(WorkerProcess worker, FromWorker.Cancelled cancelled) {
            PageTask orphan;
            synchronized (lock) {
                if (slotOf(worker) == null) {
                    return;
                }
                PageTask task = ledger.release(worker.workerId(), cancelled.batch(), cancelled.url());
                if (task == null || givenUp.remove(task.url()) || stopping || jvmExiting) {
                    return; // not held (answered already), given up, or abandoned by the stop
                }
                if (ledger.anyLive()) {
                    send(ledger.assign(List.of(task)));
                    return;
                }
                orphan = task;
            }
            deliver(crashResult(orphan, "no live worker process to hand it to after a cancel", worker.pid(),
                    worker.workerId()));
        }

        @Override
        public void onEnd(WorkerProcess worker, int exitCode) {
            List<PageResult> abandoned = new ArrayList<>();
            int requeued;
            String failed = null;
            synchronized (lock) {
                if (exitCode != 0) {
                    tornWriters.add(worker.workerId());
                }
                Slot slot = slotOf(worker);
                if (slot == null) {
                    return;
                }
                // A worker our own chaos option killed did not die of the URLs it was running.
                WorkLedger.Leftovers left = ledger.died(slot.workerId, !chaosVictims.remove(worker.pid()));
                
                boolean wasUp = slot.helloSeen;
                slot.helloSeen = false;
                slot.process = null;
                if (stopping || jvmExiting || !started) {
                    return; // a stop abandons, and respawns nothing; a failed start is reported by the constructor
                }
                // URLs the coordinator already recorded as STALLED are not handed out again.
                left = new WorkLedger.Leftovers(
                        left.retry().stream().filter(p -> !givenUp.remove(p.task().url())).toList(),
                        left.exhausted().stream().filter(p -> !givenUp.remove(p.task().url())).toList());
                respawn(slot, wasUp);
                String why = "worker processes died " + config.maxAttemptsPerUrl() + " times while fetching it"
                        + " (last: worker " + worker.workerId() + ", pid " + worker.pid() + ", exit " + exitCode + ")";
                for (WorkLedger.Pending p : left.exhausted()) {
                    abandoned.add(crashResult(p.task(), why, worker.pid(), worker.workerId()));
                }
                if (ledger.anyLive()) {
                    send(ledger.spread(left.retry()));
                } else {
                    parked.addAll(left.retry()); // for the next worker to start
                }
                requeued = left.retry().size();
                if (!ledger.anyLive() && !respawnPending()) {
                    failed = failure = "no worker process is left: worker " + worker.workerId() + " (pid "
                            + worker.pid() + ") exited with " + exitCode + " and could not be replaced after "
                            + MAX_START_FAILURES + " tries; its stderr ends with:\n" + worker.stderrTail();
                    parked.clear(); // abandoned: the crawl stops with this error instead of failing them
                }
            }
            log.println("process executor: worker " + worker.workerId() + " (pid " + worker.pid() + ") exited with "
                    + exitCode + "; requeued " + requeued + " URLs, abandoned " + abandoned.size());
            fire(new ExecEvent.WorkerDied(worker.workerId(), worker.pid(), exitCode, requeued, abandoned.size()));
            abandoned.forEach(ProcessExecutor.this::deliver);
            if (failed != null) {
                log.println("process executor: " + failed);
                fire(new ExecEvent.SubstrateFailed(failed));
            }
        }

        /**
         * Refills the slot: at once after a worker that was up, else after a back-off, unless its new
         * processes keep failing to start. Caller holds the lock.
         */
        private void respawn(Slot slot, boolean wasUp) {
            slot.startFailures = wasUp ? 0 : slot.startFailures + 1;
            scheduleRespawn(slot);
        }
    }

    /** Caller holds the lock. */
    private void scheduleRespawn(Slot slot) {
        if (slot.startFailures >= MAX_START_FAILURES) {
            slot.respawnPending = false;
            log.println("process executor: worker " + slot.workerId + " failed to start " + MAX_START_FAILURES
                    + " times in a row; giving up its slot");
            return;
        }
        slot.respawnPending = true;
        if (slot.startFailures == 0) {
            refill(slot);
            return;
        }
        long delay = RESPAWN_BACKOFF_MS << (slot.startFailures - 1);
        log.println("process executor: refilling worker " + slot.workerId + " in " + delay + " ms (try "
                + (slot.startFailures + 1) + " of " + MAX_START_FAILURES + ")");
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
            String failed = null;
            synchronized (lock) {
                refill(slot);
                if (!slot.respawnPending && slot.process == null && !ledger.anyLive() && !respawnPending()
                        && failure == null && !stopping && !jvmExiting) {
                    failed = failure = "no worker process is left: worker " + slot.workerId
                            + " could not be started " + MAX_START_FAILURES + " times in a row";
                    parked.clear();
                }
            }
            if (failed != null) {
                log.println("process executor: " + failed);
                fire(new ExecEvent.SubstrateFailed(failed));
            }
        });
    }

    /** Starts the slot's new process now; a spawn that fails is tried again later. Caller holds the lock. */
    private void refill(Slot slot) {
        if (stopping || jvmExiting || !slot.respawnPending) {
            slot.respawnPending = false;
            return;
        }
        try {
            slot.process = spawn(slot.workerId);
            slot.respawnPending = false;
            ledger.setLive(slot.workerId, true);
            if (!parked.isEmpty()) {
                send(ledger.spread(List.copyOf(parked)));
                parked.clear();
            }
        } catch (UncheckedIOException e) {
            log.println("process executor: cannot start worker " + slot.workerId + ": " + e.getMessage());
            slot.startFailures++;
            scheduleRespawn(slot);
        }
    }

    /** Whether some slot is due to be refilled. Caller holds the lock. */
    private boolean respawnPending() {
        for (Slot slot : slots) {
            if (slot != null && slot.respawnPending) {
                return true;
            }
        }
        return false;
    }
}
