package crawler.fetch;

import crawler.url.UrlNormalizer;
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
import java.util.function.Predicate;

/**
 * Reads the page URLs listed in a sitemap (XML, text or RSS/Atom), following sitemap indexes.
 *
 * <p><b>Thread-safety:</b> thread-safe; each call uses its own crawler-commons {@link SiteMapParser}.
 *
 * <p>Bounded on every axis: at most {@code maxUrls} URLs, at most {@value #MAX_SITEMAPS} sitemap
 * documents per call (indexes included, each fetched once), at most {@value #MAX_SITEMAP_BYTES} bytes
 * per document. A sitemap that cannot be fetched or parsed is skipped; what was read so far is kept.
 * URLs are returned as listed (not normalised), in document order, without duplicates. The parser
 * runs in lenient mode (URLs need not sit under the sitemap's path), since the frontier applies scope
 * to the page URLs; the sitemap documents themselves are fetched only where the given scope allows.
 */
public final class SitemapReader {

    /** Sitemap documents read per call, indexes included. */
    public static final int MAX_SITEMAPS = 50;
    /** Bytes read per sitemap document (the sitemaps.org limit is 50 MB; ours is lower). */
    public static final long MAX_SITEMAP_BYTES = 10L * 1024 * 1024;

    private final Fetcher fetcher;
    private final Predicate<String> inScope;
    private final UrlNormalizer normalizer = new UrlNormalizer(0);

    /** Reads sitemap documents on any host. */
    public SitemapReader(Fetcher fetcher) {
        this(fetcher, url -> true);
    }

    /**
     * @param inScope which sitemap documents may be fetched, asked of each one's normalised URL
     *                (the one given and those an index lists); the crawl passes its scope, so a
     *                sitemap index cannot send it to another host
     */
    public SitemapReader(Fetcher fetcher, Predicate<String> inScope) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.inScope = Objects.requireNonNull(inScope, "inScope");
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
            if (!normalizer.normalize(next).filter(inScope).isPresent()) {
                continue; // out of scope, or no URL the crawl can request
            }
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
