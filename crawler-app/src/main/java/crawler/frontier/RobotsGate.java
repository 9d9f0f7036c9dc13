package crawler.frontier;

/**
 * robots.txt as the frontier sees it. Implementations may fetch robots.txt on first use of a
 * host (and block while doing so); answers are cached per host.
 */
public interface RobotsGate {

    /** A gate that allows everything: robots.txt ignored, as the user explicitly asked. */
    RobotsGate IGNORE = new RobotsGate() {
        @Override
        public boolean allows(String url) {
            return true;
        }

        @Override
        public long crawlDelayMillis(String url) {
            return -1;
        }
    };

    boolean allows(String url);

    /** The Crawl-delay that applies to the URL's host, in milliseconds; negative when none. */
    long crawlDelayMillis(String url);
}
