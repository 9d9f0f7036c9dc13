package crawler.parse;

import java.util.List;
import java.util.Map;

/**
 * What the parser found on one HTML page.
 *
 * @param title   the trimmed {@code <title>} text, null when the page has none (or it is blank)
 * @param links   normalised absolute http(s) link targets, deduplicated, in first-seen page order
 * @param charset the charset the bytes were decoded with
 * @param invalidLinks links dropped because they are no URL the crawl can request, by
 *                {@link crawler.url.InvalidUrl#key() reason}; empty when none were
 */
public record ParsedPage(String title, List<String> links, String charset, Map<String, Integer> invalidLinks) {
    public ParsedPage {
        links = links == null ? List.of() : List.copyOf(links);
        invalidLinks = invalidLinks == null ? Map.of() : Map.copyOf(invalidLinks);
    }

    public ParsedPage(String title, List<String> links, String charset) {
        this(title, links, charset, Map.of());
    }
}
