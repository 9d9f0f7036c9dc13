package crawler.frontier;

/**
 * How far a crawl may go.
 *
 * @param maxDepth        link distance from the seeds; 0 = only the seeds
 * @param maxPages        URLs admitted in total; 0 = no limit
 * @param hostPageBudget  URLs admitted per host; 0 = no limit
 */
public record FrontierLimits(int maxDepth, long maxPages, long hostPageBudget) {
    public FrontierLimits {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must be >= 0, was " + maxDepth);
        }
        if (maxPages < 0) {
            throw new IllegalArgumentException("maxPages must be >= 0 (0 = unlimited), was " + maxPages);
        }
        if (hostPageBudget < 0) {
            throw new IllegalArgumentException("hostPageBudget must be >= 0 (0 = unlimited), was " + hostPageBudget);
        }
    }
}
