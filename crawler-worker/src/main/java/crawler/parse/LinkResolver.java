package crawler.parse;

import crawler.url.InvalidUrl;
import crawler.url.HttpUrls;
import crawler.url.UrlNormalizer;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Makes a page's link targets absolute against the page's base URL (RFC 3986 reference
 * resolution, as browsers do it).
 *
 * <p>Most links of most pages are already canonical absolute URLs, or plain paths such as
 * {@code /l4/p12.html} or {@code b.html}: those are joined to the base as strings and checked with
 * {@link UrlNormalizer#canonicalIfPlain}. Only the rest (dot segments, escapes, query-only or
 * protocol-relative references, ...) go through OkHttp's URL parser, whose host handling alone cost
 * about 20 µs per URL in a profile; the base itself is parsed only when such a link turns up.
 *
 * <p>One per page; not thread-safe.
 */
final class LinkResolver {

    private final String baseUri;
    private final UrlNormalizer normalizer;
    /** {@code scheme://host[:port]} of a base already in canonical form; null for any other base. */
    private final String origin;
    /** The base up to the last '/' of its path, when {@link #origin} is set. */
    private final String directory;
    private HttpUrl parsedBase;
    private boolean baseParsed;

    /**
     * @param baseUri the page's URL, or its {@code <base href>} made absolute; may be anything a
     *                page says, so it is checked, never trusted
     */
    LinkResolver(String baseUri, UrlNormalizer normalizer) {
        this.baseUri = stripControlChars(Objects.requireNonNull(baseUri, "baseUri"));
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        String plain = normalizer.canonicalIfPlain(this.baseUri);
        if (plain == null) {
            origin = null;
            directory = null;
        } else {
            int pathStart = plain.indexOf('/', plain.indexOf("://") + 3);
            int query = plain.indexOf('?');
            int pathEnd = query < 0 ? plain.length() : query;
            origin = plain.substring(0, pathStart);
            directory = plain.substring(0, plain.lastIndexOf('/', pathEnd - 1) + 1);
        }
    }

    /**
     * {@code href} made absolute, or null when it cannot be: not an http(s) URL, or relative with
     * no usable base. Control characters are removed first, as jsoup does, so a link split over
     * lines still resolves. The answer may still need {@link UrlNormalizer#normalize}.
     */
    String resolve(String href) {
        String cleaned = stripControlChars(href);
        String plain = normalizer.canonicalIfPlain(cleaned);
        if (plain != null) {
            return plain; // an absolute link already in canonical form: the base cannot change it
        }
        if (origin != null && isPlainPathReference(cleaned)) {
            String joined = normalizer.canonicalIfPlain((cleaned.charAt(0) == '/' ? origin : directory) + cleaned);
            if (joined != null) {
                return joined;
            }
        }
        HttpUrl base = base();
        HttpUrl url = base != null ? HttpUrls.resolve(base, cleaned) : HttpUrls.parse(cleaned);
        return url == null ? null : url.toString();
    }

    /**
     * Why {@link #resolve} gave null for {@code href}: for an absolute or protocol-relative one,
     * the normaliser's reason (another scheme, a bad port or empty host, ...); for a relative one,
     * no base to resolve it against or a reference no URL parser accepts.
     */
    InvalidUrl whyUnresolved(String href) {
        String cleaned = stripControlChars(href).strip();
        HttpUrl base = base();
        if (cleaned.startsWith("//") && base != null) {
            return normalizer.whyInvalid(base.scheme() + ":" + cleaned);
        }
        int colon = cleaned.indexOf(':');
        int slash = cleaned.indexOf('/');
        if (colon > 0 && (slash < 0 || colon < slash)) {
            return normalizer.whyInvalid(cleaned);
        }
        return InvalidUrl.UNPARSABLE;
    }

    private HttpUrl base() {
        if (!baseParsed) {
            parsedBase = HttpUrls.parse(baseUri);
            baseParsed = true;
        }
        return parsedBase;
    }

    /**
     * An absolute-path reference ({@code /a/b}) or a relative path ({@code a/b}, {@code b.html}),
     * each possibly with a query and fragment: resolved by joining it to the base's origin or
     * directory. Not a scheme ({@code x:}), network path ({@code //host}), query or fragment alone,
     * nor anything starting with a space, which the URL parser would trim.
     */
    static boolean isPlainPathReference(String href) {
        if (href.isEmpty()) {
            return false;
        }
        char first = href.charAt(0);
        if (first == '/') {
            return href.length() == 1 || href.charAt(1) != '/';
        }
        if (first == '?' || first == '#' || first <= ' ') {
            return false;
        }
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return true;
            }
            if (c == ':' || c == '\\') {
                return false; // a scheme, or a character the URL parser reads as a slash
            }
        }
        return true;
    }

    /** The text without characters below U+0020; the same string when it has none (the usual case). */
    static String stripControlChars(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= ' ') {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= ' ') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
