package crawler.app;

import java.util.List;

/**
 * Seeds as read: the usable URLs (normalised, deduplicated, in input order) and the lines that
 * were not usable, each naming where it came from.
 */
public record SeedList(List<String> urls, List<Problem> problems) {

    public SeedList {
        urls = List.copyOf(urls);
        problems = List.copyOf(problems);
    }

    /** A line that is not an http(s) URL. */
    public record Problem(String source, int line, String text, String reason) {
        @Override
        public String toString() {
            return source + ":" + line + ": " + reason + ": '" + text + "'";
        }
    }
}
