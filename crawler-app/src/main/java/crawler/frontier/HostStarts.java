package crawler.frontier;

/**
 * When a host's next request may start, and until when its server asked to wait (Retry-After).
 * Times are {@link System#nanoTime()} values, compared by difference so that they stay right
 * across the counter's wrap-around. The frontier's {@link Politeness} and a cluster member's host
 * gate keep one per host, so both pace and pause a host by the same rules.
 *
 * <p>Not thread-safe: its owner guards it.
 */
public final class HostStarts {

    private boolean started;
    private long nextStart;
    private boolean paused;
    private long pausedUntil;

    /** Whether a request may start at {@code now}. */
    public boolean mayStartAt(long now) {
        return !started || now - nextStart >= 0;
    }

    /** Nanoseconds from {@code now} until a request may start; 0 when it may now. */
    public long nanosUntilStart(long now) {
        return started ? Math.max(0, nextStart - now) : 0;
    }

    /**
     * Books the next start for a request asked for at {@code now}: {@code now} or the booked next
     * start, whichever is later; the one after it comes {@code gapNanos} later.
     *
     * @return the booked start
     */
    public long book(long now, long gapNanos) {
        long start = mayStartAt(now) ? now : nextStart;
        started = true;
        nextStart = start + Math.max(0, gapNanos);
        return start;
    }

    /** No request starts before {@code until}; a shorter pause never cuts a longer one. */
    public void pauseUntil(long until) {
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
        }
        paused = true;
        if (!started || until - nextStart > 0) {
            nextStart = until;
        }
        started = true;
    }

    /** Whether a Retry-After pause still holds at {@code now}. */
    public boolean pausedAt(long now) {
        return paused && pausedUntil - now > 0;
    }
}
