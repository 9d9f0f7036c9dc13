package crawler.protocol;

/**
 * Fault injection for the fault-isolation scenario (claim 8 of DESIGN.md): which task of a
 * process, counted from 1 in the order tasks start, fails and how. 0 turns a fault off. The
 * count is per process: every worker JVM counts its own tasks (a respawned worker starts again
 * from 1), and in the thread modes the one crawler JVM counts all of them.
 *
 * <p>Immutable. Crosses the process boundary inside {@link ToWorker.Config}, so it is the
 * protocol's record; the faults are injected by {@link crawler.chaos.ChaosProcessor}, and a crawl's
 * whole plan (worker kills too) is a {@link crawler.chaos.ChaosPlan}.
 *
 * @param oomAt   the task that allocates and keeps memory until the JVM throws
 *                {@link OutOfMemoryError} (a leak: the memory stays held, as with a cache that
 *                never evicts, so the whole heap of that process is exhausted, not just the task's)
 * @param errorAt the task that throws an {@link InternalError}, as a failing native or VM call would
 * @param hangAt  the task that hangs past every timeout, as a fetch stuck where no timeout reaches
 *                would, until it is cancelled (its thread interrupted or its call cancelled): the
 *                watchdog's case. Absent on the wire means 0
 */
public record Chaos(int oomAt, int errorAt, int hangAt) {

    /** No fault injected. */
    public static final Chaos NONE = new Chaos(0, 0, 0);

    public Chaos {
        if (oomAt < 0) {
            throw new IllegalArgumentException("oomAt must be >= 0 (0 = off), was " + oomAt);
        }
        if (errorAt < 0) {
            throw new IllegalArgumentException("errorAt must be >= 0 (0 = off), was " + errorAt);
        }
        if (hangAt < 0) {
            throw new IllegalArgumentException("hangAt must be >= 0 (0 = off), was " + hangAt);
        }
    }

    /** Without a hanging task. */
    public Chaos(int oomAt, int errorAt) {
        this(oomAt, errorAt, 0);
    }

    /** True when some fault is injected. */
    public boolean active() {
        return oomAt > 0 || errorAt > 0 || hangAt > 0;
    }
}
