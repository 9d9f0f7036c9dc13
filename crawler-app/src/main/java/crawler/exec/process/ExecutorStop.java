package crawler.exec.process;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The end of a {@link ProcessExecutor}'s workers: the orderly stop with its grace, and the JVM
 * shutdown hook that, on Ctrl-C or SIGTERM, gives that stop a while and then kills what is left.
 * No child process outlives {@link #shutdown}.
 *
 * <p>Thread-safety: {@link #shutdown} may be called from any thread, more than once; a second caller
 * waits for the first one's stop to finish.
 */
final class ExecutorStop {

    private static final long KILL_WAIT_MS = 5_000;
    private static final long JOIN_WAIT_MS = 5_000;
    /** After its grace, a worker whose stdin closed has this long to exit by itself before SIGKILL. */
    private static final long EOF_EXIT_WAIT_MS = 5_000;
    /**
     * On JVM exit (Ctrl-C), how long the shutdown hook waits for the crawl's own orderly
     * {@link #shutdown} (workers finishing their URLs) before it kills what is left.
     */
    private static final long HOOK_WAIT_MS = 12_000;

    private final RunState state;
    private final WorkerSlots slots;
    private final Handout handout;
    private final TornArchives torn;
    private final PrintStream log;
    private final Thread killChildrenHook;
    /** Counted down when {@link #shutdown} has finished: every worker is gone. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    ExecutorStop(RunState state, WorkerSlots slots, Handout handout, TornArchives torn, PrintStream log) {
        this.state = state;
        this.slots = slots;
        this.handout = handout;
        this.torn = torn;
        this.log = log;
        this.killChildrenHook = new Thread(this::onJvmExit, "process-executor-kill-workers");
    }

    /** Registers the shutdown hook; called before the first worker is spawned. */
    void installHook() {
        Runtime.getRuntime().addShutdownHook(killChildrenHook);
    }

    /** See {@link ProcessExecutor#shutdown}. */
    void shutdown(long graceMillis) {
        List<WorkerProcess> live = new ArrayList<>();
        int abandoned;
        boolean second;
        synchronized (state.lock) {
            second = state.stopping;
            state.stopping = true;
            abandoned = second ? 0 : handout.totalOutstanding();
        }
        if (second) {
            awaitStopped(graceMillis + EOF_EXIT_WAIT_MS + KILL_WAIT_MS);
            return;
        }
        synchronized (state.lock) {
            live.addAll(slots.live());
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
            List<WorkerProcess> late = slots.spawned().stream().filter(WorkerProcess::isAlive).toList();
            // The grace is over: what the workers still hold is abandoned, and a result a cancelled
            // fetch still sends is not a page that was fetched.
            state.abandoning = true;
            late.forEach(WorkerProcess::closeInput);
            long eofDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EOF_EXIT_WAIT_MS);
            for (WorkerProcess w : late) {
                if (!w.awaitExit(TimeUnit.NANOSECONDS.toMillis(eofDeadline - System.nanoTime()))) {
                    log.println("process executor: worker " + w.workerId() + " (pid " + w.pid()
                            + ") still running after the grace period and the end of its input; killing it");
                    w.kill();
                }
            }
            for (WorkerProcess w : slots.spawned()) {
                if (!w.awaitExit(KILL_WAIT_MS)) {
                    log.println("process executor: worker pid " + w.pid() + " did not die within " + KILL_WAIT_MS
                            + " ms of SIGKILL");
                }
                w.joinThreads(JOIN_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.abandoning = true;
            slots.killAll();
        } finally {
            torn.repair();
            stopped.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killChildrenHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs and finds the stop done.
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
     * not a crash. The crawl's own stop (the coordinator shutting the executor down, workers
     * finishing their URLs) is given {@link #HOOK_WAIT_MS}; whatever is left after it is killed.
     */
    private void onJvmExit() {
        synchronized (state.lock) {
            state.jvmExiting = true;
        }
        try {
            if (stopped.await(HOOK_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slots.killAll();
    }
}
