package crawler.parse;

import crawler.url.InvalidUrl;
import crawler.url.UrlNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Parses an HTML body once, from its bytes, and extracts the title and the outgoing links.
 *
 * <p><b>Thread-safety:</b> immutable and thread-safe. Each call builds its own jsoup {@link Parser}
 * ({@code Parser.htmlParser()} returns a fresh instance): a shared {@code Parser} is locked in jsoup
 * 1.24 and would serialise every thread.
 *
 * <p>Charset: an HTTP header charset wins; without one, jsoup looks at the BOM, then
 * {@code <meta charset>} / {@code http-equiv}, then falls back to UTF-8.
 *
 * <p>Links are {@code a[href]} and {@code area[href]}: the elements a user follows to another page.
 * {@code img}, {@code script}, {@code link} and {@code iframe} are resources of this page, not pages
 * to crawl, so they are not reported. Targets are resolved against the base URI and any
 * {@code <base href>}, non-http(s) targets dropped, {@code rel=nofollow} links dropped unless
 * {@code followNofollow}, the rest normalised with {@link UrlNormalizer} and deduplicated keeping the
 * first occurrence.
 */
public final class PageParser {

    /**
     * Deepest element nesting built into the tree; deeper elements are attached at this depth.
     * Guards against pathological pages that nest tags tens of thousands deep.
     */
    public static final int MAX_DEPTH = 512;

    private static final String LINK_QUERY = "a[href], area[href]";
    /**
     * Compiled once: jsoup re-parses a CSS query string on every select(String), and that parse
     * (not the page) was most of the parser's CPU time in a profile. Evaluators are thread-safe.
     */
    private static final Evaluator LINKS = QueryParser.parse(LINK_QUERY);

    private final UrlNormalizer normalizer;
    private final boolean followNofollow;

    public PageParser(UrlNormalizer normalizer, boolean followNofollow) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.followNofollow = followNofollow;
    }

    /**
     * Parses {@code body}.
     *
     * @param body              the decoded (not content-encoded) body bytes
     * @param httpCharsetOrNull the charset from the HTTP Content-Type header, or null
     * @param baseUri           the URL the body was fetched from (after redirects)
     * @throws java.nio.charset.UnsupportedCharsetException if the header names a charset this JVM lacks
     * @throws java.nio.charset.IllegalCharsetNameException if the header charset is not a legal name
     */
    public ParsedPage parse(byte[] body, String httpCharsetOrNull, String baseUri) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(baseUri, "baseUri");
        String charset = httpCharsetOrNull == null || httpCharsetOrNull.isBlank()
                ? null
                : Charset.forName(httpCharsetOrNull.strip()).name(); // fail early, with the bad name
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), charset, baseUri,
                    Parser.htmlParser().setMaxDepth(MAX_DEPTH));
        } catch (IOException e) {
            // Reading a byte array cannot fail; if it does, it is a broken invariant.
            throw new UncheckedIOException("reading an in-memory body of " + baseUri, e);
        }
        Map<String, Integer> invalid = new TreeMap<>();
        List<String> links = links(doc, invalid);
        return new ParsedPage(title(doc), links, doc.charset().name(), invalid);
    }

    private static String title(Document doc) {
        String title = doc.title().strip();
        return title.isEmpty() ? null : title;
    }

    /**
     * The page's links, each validated once, here: by {@link UrlNormalizer#normalize}. One it
     * refuses is dropped and counted in {@code invalid} by reason.
     */
    private List<String> links(Document doc, Map<String, Integer> invalid) {
        // doc.baseUri() is already the page's first <base href> when it has one (jsoup resolves
        // and records it while parsing). Resolved by us, not by jsoup's absUrl, which builds a
        // java.net.URL per link through the JVM-wide, synchronised handler table: that was most
        // of link extraction's CPU in a profile.
        LinkResolver resolver = new LinkResolver(doc.baseUri(), normalizer);
        Set<String> out = new LinkedHashSet<>();
        for (Element el : doc.select(LINKS)) {
            if (!followNofollow && isNofollow(el)) {
                continue;
            }
            String href = el.attr("href");
            if (hasOtherScheme(href)) {
                invalid.merge(InvalidUrl.OTHER_SCHEME.key(), 1, Integer::sum);
                continue;
            }
            String abs = resolver.resolve(href);
            String link = abs == null ? null : normalizer.normalize(abs).orElse(null);
            if (link != null) {
                out.add(link);
            } else {
                InvalidUrl why = abs == null ? resolver.whyUnresolved(href) : normalizer.whyInvalid(abs);
                invalid.merge(why.key(), 1, Integer::sum);
            }
        }
        return List.copyOf(out);
    }

    /**
     * True for an href with a scheme other than http(s), such as {@code mailto:}, {@code tel:} or
     * {@code javascript:}. Such links are never followed, so they are dropped before any parsing.
     */
    static boolean hasOtherScheme(String href) {
        int start = 0;
        int end = href.length();
        while (start < end && href.charAt(start) <= ' ') {
            start++;
        }
        for (int i = start; i < end; i++) {
            char c = href.charAt(i);
            if (c == ':') {
                if (i == start) {
                    return false;
                }
                String scheme = href.substring(start, i).toLowerCase(Locale.ROOT);
                return !scheme.equals("http") && !scheme.equals("https");
            }
            boolean schemeChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || i > start && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.');
            if (!schemeChar) {
                return false; // a path, query or fragment came first: a relative reference
            }
        }
        return false;
    }

    private static boolean isNofollow(Element el) {
        String rel = el.attr("rel");
        // A scan for the token, not toLowerCase + split("\\s+"): a regular expression per link
        // with a rel attribute was a visible share of parsing, and of the JIT's work, in a profile.
        int i = 0;
        int n = rel.length();
        while (i < n) {
            while (i < n && isSpace(rel.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(rel.charAt(i))) {
                i++;
            }
            if (i - start == 8 && rel.regionMatches(true, start, "nofollow", 0, 8)) {
                return true;
            }
        }
        return false;
    }

    /** The characters of the regular expression class {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
