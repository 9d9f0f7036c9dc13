package crawler.fetch;

import crawler.page.ErrorKind;
import crawler.page.PageError;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * robots.txt and {@code --exclude} on every same-host redirect hop, in every mode.
 *
 * <p>Why it lives in the fetch unit: the {@link Fetcher} follows same-host redirects itself (a
 * redirect to another host comes back to the frontier as a link, and meets scope and robots.txt
 * there), so only the fetch unit sees a hop before it is requested. It runs in whichever process
 * fetches: a thread-mode crawl's one processor and each worker process build it from the same
 * {@link CrawlRules} in their {@link FetchConfig}, over their own {@link RobotsCache}. The rules of
 * the hop's host (the URL's own host) are fetched by that cache only when a redirect is met, once
 * per host per process; a crawl without same-host redirects asks for nothing more. The alternative,
 * handing the hop back to the coordinator as a link, would turn every 301 into two results and
 * change what a redirect means in the output.
 *
 * <p>Thread-safe: the patterns are immutable and the cache is thread-safe.
 */
public final class RedirectGuard implements RedirectCheck {

    private final List<Pattern> excludes;
    private final RobotsCache robots; // null: robots.txt not obeyed

    /** @param robots the cache to ask, or null when the crawl ignores robots.txt */
    public RedirectGuard(List<Pattern> excludes, RobotsCache robots) {
        this.excludes = List.copyOf(Objects.requireNonNull(excludes, "excludes"));
        this.robots = robots;
    }

    /** The guard {@code rules} ask for; {@link RedirectCheck#NONE} when they ask for none. */
    public static RedirectCheck of(CrawlRules rules, RobotsCache robots) {
        if (!rules.obeyRobots() && rules.excludes().isEmpty()) {
            return RedirectCheck.NONE;
        }
        return new RedirectGuard(rules.excludePatterns(), rules.obeyRobots() ? robots : null);
    }

    @Override
    public PageError refusal(String normalizedUrl) {
        for (Pattern p : excludes) {
            if (p.matcher(normalizedUrl).find()) {
                return new PageError(ErrorKind.REDIRECT_EXCLUDED, "redirect to " + normalizedUrl
                        + " not followed: --exclude " + p.pattern() + " matches it");
            }
        }
        if (robots != null) {
            RobotsPolicy policy = robots.policyFor(normalizedUrl);
            if (!policy.allows(normalizedUrl)) {
                return new PageError(ErrorKind.REDIRECT_DISALLOWED, "redirect to " + normalizedUrl
                        + " not followed: " + policy.robotsUrl() + " disallows it"
                        + (policy.fetchError() == null ? "" : " (robots.txt could not be read: " + policy.fetchError()
                        + ", so everything is)"));
            }
        }
        return null;
    }
}
