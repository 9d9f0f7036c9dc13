package crawler.parse;

import java.util.List;

/**
 * What the parser found on one HTML page.
 *
 * @param title   the trimmed {@code <title>} text, null when the page has none (or it is blank)
 * @param links   normalised absolute http(s) link targets, deduplicated, in first-seen page order
 * @param charset the charset the bytes were decoded with
 */
public record ParsedPage(String title, List<String> links, String charset) {
    public ParsedPage {
        links = links == null ? List.of() : List.copyOf(links);
    }
}
