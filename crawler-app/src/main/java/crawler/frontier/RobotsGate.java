package crawler.frontier;

import crawler.page.PageError;

/**
 * robots.txt as the frontier sees it; answers are cached per host. The frontier asks
 * {@link #ready} first and the other methods only once it said yes, so a gate that fetches
 * robots.txt elsewhere never makes the coordinator thread wait on the network.
 */
public interface RobotsGate {

    /**
     * Whether the rules of {@code url}'s host are known now. If not, the gate starts getting them
     * (once per host, however often it is asked) and runs {@code whenReady}, on any thread, once
     * they are known. A gate that can answer at once (tests, robots.txt ignored) keeps this default.
     */
    default boolean ready(String url, Runnable whenReady) {
        return true;
    }


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

    /**
     * Why {@code url} may not be fetched because its host's robots.txt could not be read (a network
     * failure or a 5xx: RFC 9309 says to assume complete disallow), or null when the URL is allowed
     * or disallowed by rules that were read. Such a URL is not dropped silently: it gets a result
     * carrying this error, so a seed on an unreachable host is reported like any failed page.
     */
    default PageError unreachable(String url) {
        return null;
    }

    /** The Crawl-delay that applies to the URL's host, in milliseconds; negative when none. */
    long crawlDelayMillis(String url);
}
