package crawler.frontier;

/** What the frontier did with a URL offered to it. */
public enum Admission {
    QUEUED,
    ALREADY_SEEN,
    /** Seen before at a longer distance: it takes the shorter one and passes it on to its links. */
    SHORTER_PATH,
    /** No usable host (a port of 0 or above 65535, say): dropped, never requested. */
    INVALID_URL,
    OUT_OF_SCOPE,
    TOO_DEEP,
    TRAP,
    ROBOTS_DISALLOWED,
    /**
     * Held until its host's robots.txt is read (elsewhere than on the coordinator thread), then
     * admitted or refused like any other URL. Transient: not counted in the summary.
     */
    AWAITING_ROBOTS,
    /** Queued, but to be answered with an error result: its host's robots.txt could not be read. */
    ROBOTS_UNREACHABLE,
    HOST_BUDGET_SPENT,
    PAGE_LIMIT_REACHED,
    /** A link past the page's first {@code --max-links-per-page}: not looked at, not kept. */
    OVER_LINK_LIMIT
}
