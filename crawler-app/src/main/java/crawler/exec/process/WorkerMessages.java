package crawler.exec.process;

import crawler.exec.ExecEvent;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.FromWorker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reacts to what a {@link ProcessExecutor}'s workers say: hellos, started URLs, results, cancels,
 * and a worker's end, whose URLs are handed out again (or reported as
 * {@link ErrorKind#WORKER_CRASH} once they have used up their attempts) and whose slot is refilled.
 *
 * <p>Thread-safety: all calls for one worker come from its reader thread, in order; calls for
 * different workers run concurrently and meet under the run's lock. Listener calls are made
 * outside the lock.
 */
final class WorkerMessages implements WorkerProcess.Listener {

    private final RunState state;
    private final WorkerSlots slots;
    private final Handout handout;
    private final TornArchives torn;
    private final ListenerCalls calls;
    private final int maxAttemptsPerUrl;
    /** Pids the executor SIGKILLed for chaos testing; guarded by the lock. */
    private final Set<Long> chaosVictims;
    /** Called after each delivered result (the chaos option's kill counter). */
    private final Runnable afterDelivery;
    private final PrintStream log;

    WorkerMessages(RunState state, WorkerSlots slots, Handout handout, TornArchives torn, ListenerCalls calls,
            int maxAttemptsPerUrl, Set<Long> chaosVictims, Runnable afterDelivery, PrintStream log) {
        this.state = state;
        this.slots = slots;
        this.handout = handout;
        this.torn = torn;
        this.calls = calls;
        this.maxAttemptsPerUrl = maxAttemptsPerUrl;
        this.chaosVictims = chaosVictims;
        this.afterDelivery = afterDelivery;
        this.log = log;
    }

    @Override
    public void onHello(WorkerProcess worker, FromWorker.Hello hello, long startupMs) {
        synchronized (state.lock) {
            if (!slots.helloFrom(worker)) {
                return;
            }
        }
        calls.fire(new ExecEvent.WorkerStarted(worker.workerId(), hello.pid(), startupMs));
    }

    @Override
    public void onFirstResult(WorkerProcess worker, long spawnToResultMs) {
        calls.fire(new ExecEvent.WorkerFirstResult(worker.workerId(), worker.pid(), spawnToResultMs));
    }

    @Override
    public void onStarted(WorkerProcess worker, FromWorker.Started started) {
        synchronized (state.lock) {
            if (slots.fills(worker)) {
                handout.started(worker.workerId(), started.batch(), started.url());
            }
        }
    }

    @Override
    public void onResult(WorkerProcess worker, FromWorker.ResultMessage message) {
        PageResult result = message.result();
        if (state.abandoning) {
            return; // past the stop's grace: the work was abandoned, as the BatchExecutor contract says
        }
        boolean held;
        synchronized (state.lock) {
            held = slots.fills(worker) && handout.complete(worker.workerId(), message.batch(), result.url());
        }
        if (!held) {
            log.println("process executor: dropping result for " + result.url() + " of batch " + message.batch()
                    + " from worker " + worker.workerId() + ": not outstanding there");
            return;
        }
        calls.deliver(result);
        afterDelivery.run();
    }

    @Override
    public void onCancelled(WorkerProcess worker, FromWorker.Cancelled cancelled) {
        PageTask orphan;
        synchronized (state.lock) {
            if (!slots.fills(worker)) {
                return;
            }
            orphan = handout.cancelled(worker.workerId(), cancelled.batch(), cancelled.url());
        }
        if (orphan != null) {
            calls.deliver(crashResult(orphan, "no live worker process to hand it to after a cancel", worker.pid(),
                    worker.workerId()));
        }
    }

    @Override
    public void onEnd(WorkerProcess worker, int exitCode) {
        List<PageResult> abandoned = new ArrayList<>();
        int requeued;
        String failed = null;
        torn.ended(worker.workerId(), exitCode);
        synchronized (state.lock) {
            if (!slots.fills(worker)) {
                return;
            }
            // A worker our own chaos option killed did not die of the URLs it was running.
            WorkLedger.Leftovers left = handout.died(worker.workerId(), !chaosVictims.remove(worker.pid()));
            boolean wasUp = slots.empty(worker);
            if (state.stopping || state.jvmExiting || !state.started) {
                return; // a stop abandons, and respawns nothing; a failed start is reported by the constructor
            }
            left = handout.withoutGivenUp(left);
            slots.respawn(worker.workerId(), wasUp);
            String why = "worker processes died " + maxAttemptsPerUrl + " times while fetching it"
                    + " (last: worker " + worker.workerId() + ", pid " + worker.pid() + ", exit " + exitCode + ")";
            for (WorkLedger.Pending p : left.exhausted()) {
                abandoned.add(crashResult(p.task(), why, worker.pid(), worker.workerId()));
            }
            handout.requeue(left.retry());
            requeued = left.retry().size();
            if (!slots.respawnPending()) {
                failed = handout.failIfNoneLive("no worker process is left: worker " + worker.workerId() + " (pid "
                        + worker.pid() + ") exited with " + exitCode + " and could not be replaced after "
                        + WorkerSlots.MAX_START_FAILURES + " tries; its stderr ends with:\n" + worker.stderrTail());
            }
        }
        log.println("process executor: worker " + worker.workerId() + " (pid " + worker.pid() + ") exited with "
                + exitCode + "; requeued " + requeued + " URLs, abandoned " + abandoned.size());
        calls.fire(new ExecEvent.WorkerDied(worker.workerId(), worker.pid(), exitCode, requeued, abandoned.size()));
        abandoned.forEach(calls::deliver);
        if (failed != null) {
            calls.substrateFailed(failed);
        }
    }

    private static PageResult crashResult(PageTask task, String why, long pid, Integer workerId) {
        return PageResult.failed(task, new PageError(ErrorKind.WORKER_CRASH, why)).ranBy(pid, 0, null, false)
                .withWorkerId(workerId);
    }
}
