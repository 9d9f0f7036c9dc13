package crawler.report;

/** Why a crawl ended. */
public enum StopReason {
    /** Every admitted URL has a result. */
    COMPLETE,
    /** The --max-time budget ran out; URLs still in flight were abandoned. */
    MAX_TIME,
    /** The user interrupted the crawl (Ctrl-C); URLs still in flight were abandoned. */
    INTERRUPTED
}
