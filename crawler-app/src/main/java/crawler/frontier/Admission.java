package crawler.frontier;

/** What the frontier did with a URL offered to it. */
public enum Admission {
    QUEUED,
    ALREADY_SEEN,
    OUT_OF_SCOPE,
    TOO_DEEP,
    TRAP,
    ROBOTS_DISALLOWED,
    HOST_BUDGET_SPENT,
    PAGE_LIMIT_REACHED
}
