package crawler.archive;

import crawler.page.PageResult;

/**
 * The body of a URL's {@code metadata} record: the crawl's own facts about it, as WARC fields
 * ({@code name: value} lines, {@code application/warc-fields}). Stateless; thread-safe.
 *
 * <p>The parent URL is not known here: a {@link crawler.page.PageTask} carries only URL and depth.
 */
final class PageFacts {

    private PageFacts() {
    }

    static String of(PageResult r, WarcConfig config) {
        StringBuilder b = new StringBuilder(256 + r.links().size() * 64);
        field(b, "url", r.url());
        field(b, "final-url", r.finalUrl());
        field(b, "depth", r.depth());
        field(b, "status", r.status());
        if (r.error() != null) {
            field(b, "error-kind", r.error().kind());
        }
        field(b, "attempts", r.attempts());
        field(b, "fetch-ms", r.fetchMs());
        field(b, "parse-ms", r.parseMs());
        field(b, "pid", r.pid());
        field(b, "thread-id", r.threadId());
        field(b, "thread-name", r.threadName());
        field(b, "virtual-thread", r.virtual());
        field(b, "mode", config.mode());
        field(b, "writer", config.writerId());
        if (config.workerId() != null) {
            field(b, "worker-id", config.workerId());
        }
        for (String link : r.links()) {
            field(b, "outlink", link);
        }
        return b.toString();
    }

    private static void field(StringBuilder b, String name, Object value) {
        // A field value must not break the line structure; our values never hold line breaks, but be sure.
        b.append(name).append(": ").append(String.valueOf(value).replaceAll("[\\r\\n]+", " ")).append("\r\n");
    }
}
