package crawler.protocol;

/**
 * Fault injection for the fault-isolation scenario (claim 8 of DESIGN.md): which task of a
 * process, counted from 1 in the order tasks start, fails and how. 0 turns a fault off. The
 * count is per process: every worker JVM counts its own tasks (a respawned worker starts again
 * from 1), and in the thread modes the one crawler JVM counts all of them.
 *
 * <p>Immutable. Crosses the process boundary inside {@link ToWorker.Config}.
 *
 * @param oomAt   the task that allocates and keeps memory until the JVM throws
 *                {@link OutOfMemoryError} (a leak: the memory stays held, as with a cache that
 *                never evicts, so the whole heap of that process is exhausted, not just the task's)
 * @param errorAt the task that throws an {@link InternalError}, as a failing native or VM call would
 */
public record Chaos(int oomAt, int errorAt) {

    /** No fault injected. */
    public static final Chaos NONE = new Chaos(0, 0);

    public Chaos {
        if (oomAt < 0) {
            throw new IllegalArgumentException("oomAt must be >= 0 (0 = off), was " + oomAt);
        }
        if (errorAt < 0) {
            throw new IllegalArgumentException("errorAt must be >= 0 (0 = off), was " + errorAt);
        }
    }

    /** True when some fault is injected. */
    public boolean active() {
        return oomAt > 0 || errorAt > 0;
    }
}
