package crawler.bench.run;


import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FixtureServer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A served fixture site's ground truth for a crawl from its start page with no depth limit, in
 * the form the site counts requests: canonical path and query.
 *
 * @param pages        every page a correct crawl fetches (redirect targets too)
 * @param unfollowable paths the site links only through rel=nofollow, comments or scripts, or that
 *                     robots.txt disallows
 * @param levels       link levels of the crawl, the start page's included: the fewest rounds of
 *                     requests any crawler needs, however many it sends at once
 */
public record SiteTruth(Set<String> pages, Set<String> unfollowable, int levels) {

    public SiteTruth {
        pages = Set.copyOf(pages);
        unfollowable = Set.copyOf(unfollowable);
    }

    public static SiteTruth of(FixtureServer site) {
        Map<String, ExpectedPage> reachable = site.manifest().reachable(Integer.MAX_VALUE);
        Set<String> pages = new TreeSet<>();
        int deepest = 0;
        for (ExpectedPage p : reachable.values()) {
            pages.add(site.pathOf(p.url()));
            pages.add(site.pathOf(p.finalUrl()));
            deepest = Math.max(deepest, p.depth());
        }
        Set<String> unfollowable = new TreeSet<>();
        site.manifest().hiddenLinks().forEach(u -> unfollowable.add(site.pathOf(u)));
        site.manifest().disallowedByRobots().forEach(u -> unfollowable.add(site.pathOf(u)));
        return new SiteTruth(pages, unfollowable, deepest + 1);
    }

    /** What a crawl that asked the site for {@code requested} fetched, against this truth. */
    public UrlSetMatch match(Set<String> requested) {
        return UrlSetMatch.of(pages, requested, unfollowable);
    }
}
