package crawler.frontier;

/**
 * How far a crawl may go.
 *
 * @param maxDepth        link distance from the seeds; 0 = only the seeds, {@link #UNLIMITED_DEPTH} = no limit
 * @param maxPages        URLs admitted in total; 0 = no limit
 * @param hostPageBudget  URLs admitted per host; 0 = no limit
 */
public record FrontierLimits(int maxDepth, long maxPages, long hostPageBudget) {

    /** No depth limit: the frontier then keeps no links for passing shorter depths on. */
    public static final int UNLIMITED_DEPTH = Integer.MAX_VALUE;

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
