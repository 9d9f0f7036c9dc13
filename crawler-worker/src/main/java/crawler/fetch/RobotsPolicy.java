package crawler.fetch;

import crawler.page.ErrorKind;
import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import java.util.List;
import java.util.Objects;

/**
 * The robots.txt rules of one host, as far as this crawler's user agent is concerned.
 *
 * <p><b>Thread-safety:</b> treat as immutable; safe to share once built (the rules are never mutated
 * after parsing).
 *
 * @param rules      the parsed rules (crawler-commons)
 * @param robotsUrl  where they came from
 * @param status     HTTP status of the robots.txt response, 0 when there was none
 * @param fetchError why robots.txt could not be read, null when it was read (or was a 4xx)
 */
public record RobotsPolicy(BaseRobotRules rules, String robotsUrl, int status, ErrorKind fetchError) {

    public RobotsPolicy {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(robotsUrl, "robotsUrl");
    }

    /** A policy that allows everything (e.g. no robots.txt). */
    public static RobotsPolicy allowAll(String robotsUrl) {
        return new RobotsPolicy(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), robotsUrl, 0, null);
    }

    /** Whether this crawler may fetch {@code url} (a URL of this policy's host). */
    public boolean allows(String url) {
        return rules.isAllowed(url);
    }

    /** Crawl-delay for this agent in milliseconds, -1 if robots.txt sets none. */
    public long crawlDelayMillis() {
        long d = rules.getCrawlDelay();
        return d == BaseRobotRules.UNSET_CRAWL_DELAY || d < 0 ? -1 : d;
    }

    /** Sitemap URLs listed in robots.txt, in file order. */
    public List<String> sitemaps() {
        return List.copyOf(rules.getSitemaps());
    }

    /**
     * True when robots.txt could not be read for a reason that may pass (5xx, network failure): the
     * host is then disallowed for now, and a longer-running crawler would ask again later.
     */
    public boolean deferVisits() {
        return rules.isDeferVisits();
    }
}
