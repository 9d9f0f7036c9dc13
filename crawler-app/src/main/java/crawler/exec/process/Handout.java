package crawler.exec.process;

import crawler.exec.Batch;
import crawler.exec.ExecEvent;
import crawler.page.PageTask;
import crawler.protocol.ToWorker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hand-out of work to a {@link ProcessExecutor}'s workers and its bookkeeping: the ledger of
 * the URLs each worker holds, work parked while no worker is live, the URLs the coordinator gave up
 * on, and the substrate's failure once no worker is left.
 *
 * <p>Thread-safety: guarded by the run's lock ({@link RunState#lock}); every method must be called
 * holding it, so that wire batches reach each worker's queue in ledger order.
 */
final class Handout implements WorkerSlots.Fills {

    private final RunState state;
    private final WorkLedger ledger;
    private WorkerSlots slots;
    /** Work waiting for a slot to be refilled, when no worker is live. */
    private final List<WorkLedger.Pending> parked = new ArrayList<>();
    /** URLs the coordinator gave up on: a cancel acknowledged for one is not handed out again. */
    private final Set<String> givenUp = new HashSet<>();
    /** Set when no worker is live and none can be started: the substrate has failed. */
    private String failure;

    Handout(RunState state, WorkLedger ledger) {
        this.state = state;
        this.ledger = ledger;
    }

    /** The slots whose processes get the work; set once, before the first worker starts. */
    void handTo(WorkerSlots slots) {
        this.slots = slots;
    }

    /**
     * Sends the batch to the live worker with the fewest outstanding URLs, or parks it while a slot
     * is due to be refilled.
     *
     * @throws IllegalStateException after a stop, or when no worker is live and none can be started
     *                               ({@link ExecEvent.SubstrateFailed} said why)
     */
    void submit(Batch batch) {
        if (state.stopping) {
            throw new IllegalStateException("executor is shut down; batch " + batch.id() + " refused");
        }
        if (ledger.anyLive()) {
            send(ledger.assign(batch.tasks()));
        } else if (slots.respawnPending()) {
            batch.tasks().forEach(t -> parked.add(new WorkLedger.Pending(t, 0, false)));
        } else {
            throw new IllegalStateException(failure != null ? failure : "no live worker process; batch "
                    + batch.id() + " refused");
        }
    }

    private void send(List<WorkLedger.Assignment> assignments) {
        for (WorkLedger.Assignment a : assignments) {
            slots.process(a.workerId()).send(new ToWorker.BatchMessage(a.wireBatch(), a.tasks()));
        }
    }

    @Override
    public void filled(int workerId) {
        ledger.setLive(workerId, true);
        if (!parked.isEmpty()) {
            send(ledger.spread(List.copyOf(parked)));
            parked.clear();
        }
    }

    @Override
    public String failIfNoneLive(String why) {
        return ledger.anyLive() || failure != null ? null : fail(why);
    }

    /** Records {@code why} as the substrate's failure and abandons parked work: the crawl stops with it. */
    String fail(String why) {
        failure = why;
        parked.clear(); // abandoned: the crawl stops with this error instead of failing them
        return why;
    }

    boolean anyLive() {
        return ledger.anyLive();
    }

    int totalOutstanding() {
        return ledger.totalOutstanding();
    }

    /** The live worker holding the most URLs, 0 if none. */
    int busiest() {
        return ledger.busiest();
    }

    /** Worker ids holding each of {@code urls}. */
    Map<String, Integer> holders(Collection<String> urls) {
        return ledger.holders(urls);
    }

    /** Where each of {@code urls} is held (worker and wire batch). */
    List<WorkLedger.Held> held(Collection<String> urls) {
        return ledger.held(urls);
    }

    /** The coordinator gave up on {@code url}: whatever its worker answers, it is not handed out again. */
    void giveUp(String url) {
        givenUp.add(url);
    }

    /** Whether a worker still holds any of the URLs it was asked to cancel. */
    boolean holdsAny(List<WorkLedger.Held> asked) {
        return asked.stream().anyMatch(h -> ledger.holds(h.workerId(), h.wireBatch(), h.url()));
    }

    void started(int workerId, long wireBatch, String url) {
        ledger.started(workerId, wireBatch, url);
    }

    /** A result came: whether the worker held the URL (then it is done, and no longer given up). */
    boolean complete(int workerId, long wireBatch, String url) {
        boolean held = ledger.complete(workerId, wireBatch, url);
        if (held) {
            givenUp.remove(url);
        }
        return held;
    }

    /**
     * A worker dropped a URL it was asked to cancel: it goes out again to the least-loaded worker,
     * unless given up or abandoned by a stop. Returns the task if no worker is live to take it.
     */
    PageTask cancelled(int workerId, long wireBatch, String url) {
        PageTask task = ledger.release(workerId, wireBatch, url);
        if (task == null || givenUp.remove(task.url()) || state.stopping || state.jvmExiting) {
            return null; // not held (answered already), given up, or abandoned by the stop
        }
        if (ledger.anyLive()) {
            send(ledger.assign(List.of(task)));
            return null;
        }
        return task;
    }

    /** A worker died: its URLs, charged an attempt if {@code blameUrls}. */
    WorkLedger.Leftovers died(int workerId, boolean blameUrls) {
        return ledger.died(workerId, blameUrls);
    }

    /** Leaves out the URLs the coordinator already recorded as STALLED: they are not handed out again. */
    WorkLedger.Leftovers withoutGivenUp(WorkLedger.Leftovers left) {
        return new WorkLedger.Leftovers(
                left.retry().stream().filter(p -> !givenUp.remove(p.task().url())).toList(),
                left.exhausted().stream().filter(p -> !givenUp.remove(p.task().url())).toList());
    }

    /** Hands a dead worker's URLs to the live ones, or parks them for the next worker to start. */
    void requeue(List<WorkLedger.Pending> retry) {
        if (ledger.anyLive()) {
            send(ledger.spread(retry));
        } else {
            parked.addAll(retry); // for the next worker to start
        }
    }
}
