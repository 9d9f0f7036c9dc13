package crawler.frontier;

/** What the frontier did with a URL offered to it. */
public enum Admission {
    QUEUED,
    ALREADY_SEEN,
    OUT_OF_SCOPE,
    TOO_DEEP,
    TRAP,
    ROBOTS_DISALLOWED,
    /** Queued, but to be answered with an error result: its host's robots.txt could not be read. */
    ROBOTS_UNREACHABLE,
    HOST_BUDGET_SPENT,
    PAGE_LIMIT_REACHED
}
