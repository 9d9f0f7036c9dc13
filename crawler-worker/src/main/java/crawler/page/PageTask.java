package crawler.page;

import java.util.Objects;

/**
 * One URL to fetch, as the frontier hands it out: already normalised, in scope and allowed by
 * robots.txt.
 *
 * @param url    the normalised absolute http(s) URL
 * @param depth  link distance from the seeds (seeds are depth 0)
 */
public record PageTask(String url, int depth) {
    public PageTask {
        Objects.requireNonNull(url, "url");
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0, was " + depth + " for " + url);
        }
    }
}
