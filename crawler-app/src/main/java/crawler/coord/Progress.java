package crawler.coord;

/**
 * A moment of a running crawl, for progress displays. Immutable.
 *
 * @param done       results written
 * @param failed     results with an error
 * @param inFlight   URLs handed out, no result yet
 * @param queued     URLs admitted, not yet handed out
 * @param depth      the level being crawled, -1 when none is left
 * @param elapsedNanos time since the crawl started
 */
public record Progress(long done, long failed, long inFlight, long queued, int depth, long elapsedNanos) {

    public static final Progress NOT_STARTED = new Progress(0, 0, 0, 0, 0, 0);

    public double pagesPerSecond() {
        return elapsedNanos > 0 ? done * 1e9 / elapsedNanos : 0;
    }
}
