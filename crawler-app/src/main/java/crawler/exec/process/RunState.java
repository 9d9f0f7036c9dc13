package crawler.exec.process;

/**
 * The phase of one {@link ProcessExecutor} run, shared by its parts ({@link WorkerSlots},
 * {@link Handout}, {@link WorkerMessages}, {@link ExecutorStop}).
 *
 * <p>Thread-safety: {@link #lock} guards every field here except {@link #abandoning}, and also the
 * slots and the ledger: one lock, so that a worker's end, a respawn and a hand-out see one state.
 */
final class RunState {

    final Object lock = new Object();
    /** Every first worker said hello. */
    boolean started;
    boolean stopping;
    /** The JVM is exiting (Ctrl-C): nothing is respawned, a worker that ends is not a crash. */
    boolean jvmExiting;
    /** Set when a stop's grace is over: no result is delivered from then on. Read without the lock. */
    volatile boolean abandoning;
}
