package crawler.frontier;

/**
 * What the frontier knows of one URL it holds an entry for: its fingerprint, its shortest known
 * link distance from the seeds, where it stands, and (when a depth limit makes it matter) the
 * links its page held. The URL's text is kept only while it is needed: while the URL waits to be
 * fetched or is in flight, or sits beyond the depth limit (it may still come closer and be
 * queued); a done page forgets it.
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

    final long fingerprint;
    /** The normalised URL; null once the page is done. */
    String url;
    /** The politeness key; set when the URL is queued. */
    String host;
    int depth;
    State state;
    /** The page's links, kept only for a depth-limited crawl once the page is done. */
    UrlNode[] links;
    /** Done in an earlier run: its links, when needed, are read back from the journal. */
    boolean journaled;

    UrlNode(long fingerprint, String url, int depth, State state) {
        this.fingerprint = fingerprint;
        this.url = url;
        this.depth = depth;
        this.state = state;
    }
}
