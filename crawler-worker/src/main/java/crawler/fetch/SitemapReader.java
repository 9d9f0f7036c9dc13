package crawler.fetch;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the page URLs listed in a sitemap (XML, text or RSS/Atom), following sitemap indexes.
 *
 * <p><b>Thread-safety:</b> thread-safe; each call uses its own crawler-commons {@link SiteMapParser}.
 *
 * <p>Bounded on every axis: at most {@code maxUrls} URLs, at most {@value #MAX_SITEMAPS} sitemap
 * documents per call (indexes included, each fetched once), at most {@value #MAX_SITEMAP_BYTES} bytes
 * per document. A sitemap that cannot be fetched or parsed is skipped; what was read so far is kept.
 * URLs are returned as listed (not normalised), in document order, without duplicates. The parser
 * runs in lenient mode (URLs need not sit under the sitemap's path), since the frontier applies scope.
 */
public final class SitemapReader {

    /** Sitemap documents read per call, indexes included. */
    public static final int MAX_SITEMAPS = 50;
    /** Bytes read per sitemap document (the sitemaps.org limit is 50 MB; ours is lower). */
    public static final long MAX_SITEMAP_BYTES = 10L * 1024 * 1024;

    private final Fetcher fetcher;

    public SitemapReader(Fetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /** Up to {@code maxUrls} page URLs listed in {@code sitemapUrl} and the sitemaps it indexes. */
    public List<String> urls(String sitemapUrl, int maxUrls) {
        Objects.requireNonNull(sitemapUrl, "sitemapUrl");
        if (maxUrls < 0) {
            throw new IllegalArgumentException("maxUrls must be >= 0, was " + maxUrls);
        }
        SiteMapParser parser = new SiteMapParser(false);
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(sitemapUrl));
        Set<String> seen = new HashSet<>(todo);
        int read = 0;
        while (!todo.isEmpty() && read < MAX_SITEMAPS && out.size() < maxUrls) {
            String next = todo.removeFirst();
            read++;
            AbstractSiteMap map = fetchAndParse(parser, next);
            if (map instanceof SiteMapIndex index) {
                for (AbstractSiteMap child : index.getSitemaps()) {
                    String childUrl = child.getUrl().toString();
                    if (seen.add(childUrl)) {
                        todo.addLast(childUrl);
                    }
                }
            } else if (map instanceof SiteMap siteMap) {
                for (SiteMapURL u : siteMap.getSiteMapUrls()) {
                    if (out.size() >= maxUrls) {
                        break;
                    }
                    out.add(u.getUrl().toString());
                }
            }
        }
        return new ArrayList<>(out);
    }

    private AbstractSiteMap fetchAndParse(SiteMapParser parser, String url) {
        FetchOutcome out = fetcher.fetch(url, BodyPolicy.anyType(MAX_SITEMAP_BYTES));
        if (!(out instanceof FetchOutcome.Fetched f) || f.body() == null) {
            return null;
        }
        try {
            URL parsedUrl = new URI(f.finalUrl()).toURL();
            String type = f.mediaType() == null ? "text/xml" : f.mediaType();
            return parser.parseSiteMap(type, f.body(), parsedUrl);
        } catch (UnknownFormatException | IOException | URISyntaxException | IllegalArgumentException e) {
            return null; // a broken sitemap is skipped; the crawl does not depend on it
        }
    }
}
