package crawler.frontier;

/**
 * What the frontier knows of one URL it has admitted (or seen beyond the depth limit): its shortest known link distance from the
 * seeds, where it stands, and (when a depth limit makes it matter) the links its page held.
 * Mutable, confined to the coordinator thread with the {@link Frontier} that owns it.
 */
final class UrlNode {

    enum State {
        /** Seen only beyond the depth limit: not checked further, may still come closer. */
        TOO_DEEP,
        /** In scope and within the depth limit, held until its host's robots.txt is known. */
        AWAITING_ROBOTS,
        QUEUED,
        IN_FLIGHT,
        DONE
    }

    final String url;
    /** The politeness key; set when the URL is queued. */
    String host;
    int depth;
    State state;
    /** The page's links, kept only for a depth-limited crawl once the page is done. */
    UrlNode[] links;

    UrlNode(String url, int depth, State state) {
        this.url = url;
        this.depth = depth;
        this.state = state;
    }
}
