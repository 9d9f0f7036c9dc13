package crawler.fetch;

import crawler.page.PageError;

/**
 * Asked by the {@link Fetcher} before it follows a same-host redirect: may the crawl request the
 * hop's target? A refusal ends the fetch with the returned error, and the target is not requested.
 * Implementations must be thread-safe (every fetch thread asks).
 */
@FunctionalInterface
public interface RedirectCheck {

    /** Follows every redirect (robots.txt and sitemap fetches, tests). */
    RedirectCheck NONE = url -> null;

    /**
     * Why {@code normalizedUrl} may not be requested, or null if it may.
     *
     * @param normalizedUrl the hop's target in the crawler's canonical form
     */
    PageError refusal(String normalizedUrl);
}
