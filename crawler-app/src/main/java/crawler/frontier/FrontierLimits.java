package crawler.frontier;

/**
 * How far a crawl may go.
 *
 * @param maxDepth        link distance from the seeds; 0 = only the seeds, {@link #UNLIMITED_DEPTH} = no limit
 * @param maxPages        URLs admitted in total; 0 = no limit
 * @param hostPageBudget  URLs admitted per host; 0 = no limit
 * @param maxLinksPerPage links of one page the frontier looks at, in the page's order; the rest are
 *                        dropped and counted ({@link Admission#OVER_LINK_LIMIT}); 0 = no limit
 */
public record FrontierLimits(int maxDepth, long maxPages, long hostPageBudget, int maxLinksPerPage) {

    /**
     * Default of {@code --max-links-per-page}: far above what real pages hold (a few hundred), far
     * below what a hostile 4 MiB page can (about 250,000 links).
     */
    public static final int DEFAULT_MAX_LINKS_PER_PAGE = 10_000;

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
        if (maxLinksPerPage < 0) {
            throw new IllegalArgumentException("maxLinksPerPage must be >= 0 (0 = unlimited), was " + maxLinksPerPage);
        }
    }

    /** Limits with the default {@link #DEFAULT_MAX_LINKS_PER_PAGE}. */
    public FrontierLimits(int maxDepth, long maxPages, long hostPageBudget) {
        this(maxDepth, maxPages, hostPageBudget, DEFAULT_MAX_LINKS_PER_PAGE);
    }
}
