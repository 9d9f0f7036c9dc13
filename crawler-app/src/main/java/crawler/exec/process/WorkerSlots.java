package crawler.exec.process;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The worker positions of a {@link ProcessExecutor} and their processes: the first start and its
 * hellos, and the refill of a slot whose process died, at once after a worker that was up, with
 * back-off after one that could not start.
 *
 * <p>Thread-safety: guarded by the run's lock ({@link RunState#lock}); methods that say "caller holds
 * the lock" must be called holding it. {@link #spawned} and {@link #killAll} need no lock.
 */
final class WorkerSlots {

    /** Longest wait for a new worker's hello in {@link #startAll}. */
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A slot whose new process cannot be spawned, or dies before hello, this many times in a row is
     * given up. The tries are spaced by {@link #RESPAWN_BACKOFF_MS}, doubling: a passing shortage
     * (memory, process slots, file descriptors) is waited out; a worker that cannot start at all
     * is given up within seconds.
     */
    static final int MAX_START_FAILURES = 5;
    /** The wait before the second try at refilling a slot; each try after it waits twice as long. */
    static final long RESPAWN_BACKOFF_MS = 250;

    /** Starts one worker process; throws {@link UncheckedIOException} if it cannot be spawned. */
    interface Spawner {
        WorkerProcess spawn(int workerId);
    }

    /** What the slots tell the hand-out of work. Called holding the lock. */
    interface Fills {
        /** The slot has a new process: it is live, and work waiting for one goes to it. */
        void filled(int workerId);

        /**
         * A slot was given up and no other is due to be refilled: if no worker is live either and no
         * failure is recorded yet, records {@code why} as the substrate's failure and returns it;
         * else returns null.
         */
        String failIfNoneLive(String why);
    }

    /** One worker position: its current process. Guarded by the lock. */
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

    private final RunState state;
    private final Spawner spawner;
    private final Fills fills;
    private final ListenerCalls calls;
    private final PrintStream log;
    /** Slot i holds worker id i + 1. */
    private final Slot[] slots;
    private final List<WorkerProcess> spawned = new CopyOnWriteArrayList<>();

    WorkerSlots(RunState state, int workers, Spawner spawner, Fills fills, ListenerCalls calls, PrintStream log) {
        this.state = state;
        this.spawner = spawner;
        this.fills = fills;
        this.calls = calls;
        this.log = log;
        this.slots = new Slot[workers];
    }

    /**
     * Starts a worker in every slot, in parallel, and waits for each one's hello.
     *
     * @throws IllegalStateException if a worker cannot be spawned, exits, or stays silent for
     *                               {@link #HELLO_TIMEOUT}
     */
    void startAll() {
        List<WorkerProcess> first = new ArrayList<>();
        synchronized (state.lock) {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot(i + 1);
                slots[i].process = spawn(i + 1);
                fills.filled(i + 1);
                first.add(slots[i].process);
            }
        }
        awaitHellos(first);
        synchronized (state.lock) {
            for (Slot slot : slots) {
                if (slot.process == null) {
                    throw new IllegalStateException("worker " + slot.workerId + " died during start-up");
                }
            }
            state.started = true;
        }
    }

    private WorkerProcess spawn(int workerId) {
        WorkerProcess w = spawner.spawn(workerId);
        spawned.add(w);
        return w;
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

    /** Every worker process spawned, respawned ones included. */
    List<WorkerProcess> spawned() {
        return spawned;
    }

    void killAll() {
        for (WorkerProcess w : spawned) {
            w.kill();
        }
    }

    /** The current process of worker {@code workerId}, or null while its slot is empty. Caller holds the lock. */
    WorkerProcess process(int workerId) {
        Slot slot = slots[workerId - 1];
        return slot == null ? null : slot.process;
    }

    /** The processes filling the slots now. Caller holds the lock. */
    List<WorkerProcess> live() {
        List<WorkerProcess> live = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot != null && slot.process != null) {
                live.add(slot.process);
            }
        }
        return live;
    }

    /** Whether {@code w} still fills its slot (it was not replaced). Caller holds the lock. */
    boolean fills(WorkerProcess w) {
        return slotOf(w) != null;
    }

    /** Records the hello of {@code w}; false if it no longer fills its slot. Caller holds the lock. */
    boolean helloFrom(WorkerProcess w) {
        Slot slot = slotOf(w);
        if (slot == null) {
            return false;
        }
        slot.helloSeen = true;
        slot.startFailures = 0;
        return true;
    }

    /**
     * Empties the slot {@code w} fills, which it must; returns whether the worker was up (had said
     * hello). Caller holds the lock.
     */
    boolean empty(WorkerProcess w) {
        Slot slot = slotOf(w);
        boolean wasUp = slot.helloSeen;
        slot.helloSeen = false;
        slot.process = null;
        return wasUp;
    }

    /** The slot {@code w} currently fills, or null if it was replaced. Caller holds the lock. */
    private Slot slotOf(WorkerProcess w) {
        Slot slot = slots[w.workerId() - 1];
        return slot != null && slot.process == w ? slot : null;
    }

    /**
     * Refills the emptied slot of worker {@code workerId}: at once after a worker that was up, else
     * after a back-off, unless its new processes keep failing to start. Caller holds the lock.
     */
    void respawn(int workerId, boolean wasUp) {
        Slot slot = slots[workerId - 1];
        slot.startFailures = wasUp ? 0 : slot.startFailures + 1;
        scheduleRespawn(slot);
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
            synchronized (state.lock) {
                refill(slot);
                if (!slot.respawnPending && slot.process == null && !respawnPending()
                        && !state.stopping && !state.jvmExiting) {
                    failed = fills.failIfNoneLive("no worker process is left: worker " + slot.workerId
                            + " could not be started " + MAX_START_FAILURES + " times in a row");
                }
            }
            if (failed != null) {
                calls.substrateFailed(failed);
            }
        });
    }

    /** Starts the slot's new process now; a spawn that fails is tried again later. Caller holds the lock. */
    private void refill(Slot slot) {
        if (state.stopping || state.jvmExiting || !slot.respawnPending) {
            slot.respawnPending = false;
            return;
        }
        try {
            slot.process = spawn(slot.workerId);
            slot.respawnPending = false;
            fills.filled(slot.workerId);
        } catch (UncheckedIOException e) {
            log.println("process executor: cannot start worker " + slot.workerId + ": " + e.getMessage());
            slot.startFailures++;
            scheduleRespawn(slot);
        }
    }

    /** Whether some slot is due to be refilled. Caller holds the lock. */
    boolean respawnPending() {
        for (Slot slot : slots) {
            if (slot != null && slot.respawnPending) {
                return true;
            }
        }
        return false;
    }
}
