package crawler.url;

import crawlercommons.filters.basic.BasicURLNormalizer;
import okhttp3.HttpUrl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Turns an absolute URL into the one canonical string the crawler uses for dedup, scope and output.
 *
 * <p><b>Thread-safety:</b> thread-safe; one instance is shared by the parser and the coordinator's
 * frontier. Its only state is a bounded memo of earlier answers, which cannot change an answer:
 * {@link #normalize} is a pure function of its argument.
 *
 * <p>The canonical form: scheme and host lower-case; default port removed; fragment removed;
 * {@code .} and {@code ..} segments resolved; empty path becomes {@code /}; query parameters sorted by
 * name, then by value; an empty query ({@code ?} alone) dropped; percent-escapes in upper-case hex
 * (and escapes of unreserved characters such as {@code %7E} decoded); a trailing slash neither added
 * nor removed. Only {@code http} and {@code https} URLs are accepted.
 *
 * <p>Most of this is crawler-commons' {@link BasicURLNormalizer}. It sorts query parameters by name
 * only (a stable sort, so {@code a=2&a=1} keeps its order) and passes other schemes through, so this
 * class adds the value sort and the scheme check. A parameter with an empty value ({@code a=}) comes
 * out as {@code a}: that is BasicURLNormalizer's choice and is kept.
 * BasicURLNormalizer rejects IPv6 literal hosts, so such a host is swapped for a placeholder
 * name while it works and put back afterwards in OkHttp's canonical form ({@code [::1]}).
 *
 * <p>A little over 300 lines, on purpose: the memo is {@link NormalizerMemo}'s, and what is left
 * is one job, the canonical form and the host key read from it, which must agree (a URL's host
 * key is that of its canonical form), so they stay side by side.
 */
public final class UrlNormalizer {

    /** The order of query parameters in the canonical form. */
    static final Comparator<String> BY_NAME_THEN_VALUE =
            Comparator.comparing(UrlNormalizer::paramName).thenComparing(UrlNormalizer::paramValue);

    /** Default memo size: well above the distinct links of a crawl of tens of thousands of pages. */
    public static final int DEFAULT_MEMO_ENTRIES = 65_536;
    /**
     * Default bound on the memo's memory, whatever the URLs' lengths: 65,536 entries of 100-character
     * URLs take about 20 MiB; hostile 2,000-character links would take 250 MiB under an entry bound alone.
     */
    public static final long DEFAULT_MEMO_BYTES = 16L * 1024 * 1024;
    private final BasicURLNormalizer basic = new BasicURLNormalizer();
    /** Earlier answers; see {@link NormalizerMemo}. */
    private final NormalizerMemo memo;

    public UrlNormalizer() {
        this(DEFAULT_MEMO_ENTRIES, DEFAULT_MEMO_BYTES);
    }

    /** @param memoEntries how many answers to remember; 0 turns the memo off */
    public UrlNormalizer(int memoEntries) {
        this(memoEntries, DEFAULT_MEMO_BYTES);
    }

    /**
     * @param memoEntries how many answers to remember; 0 turns the memo off
     * @param memoBytes   estimated bytes the memo may hold; an answer larger than a 64th of it is not remembered
     */
    public UrlNormalizer(int memoEntries, long memoBytes) {
        if (memoEntries < 0) {
            throw new IllegalArgumentException("memoEntries must be >= 0, was " + memoEntries);
        }
        if (memoBytes < 0) {
            throw new IllegalArgumentException("memoBytes must be >= 0, was " + memoBytes);
        }
        this.memo = new NormalizerMemo(memoEntries, memoBytes);
    }

    /**
     * Returns the canonical form of {@code absoluteUrl}, or empty if it is not an absolute http(s)
     * URL or cannot be parsed. Never throws for bad input.
     */
    public Optional<String> normalize(String absoluteUrl) {
        if (absoluteUrl == null || !hasHttpScheme(absoluteUrl)) {
            return Optional.empty();
        }
        String quick = QuickCanonical.of(absoluteUrl);
        if (quick != null) {
            return Optional.of(quick);
        }
        if (memo.off()) {
            return Optional.ofNullable(compute(absoluteUrl));
        }
        String known = memo.get(absoluteUrl);
        if (known == null) {
            String computed = compute(absoluteUrl);
            known = computed == null ? NormalizerMemo.REJECTED : computed;
            memo.remember(absoluteUrl, known);
        }
        return known == NormalizerMemo.REJECTED ? Optional.empty() : Optional.of(known);
    }

    /**
     * Why {@link #normalize} refuses {@code absoluteUrl}: called only after it did, so the usual
     * path pays nothing for it.
     */
    public InvalidUrl whyInvalid(String absoluteUrl) {
        if (absoluteUrl == null) {
            return InvalidUrl.UNPARSABLE;
        }
        String url = absoluteUrl.strip();
        int colon = url.indexOf(':');
        if (colon > 0 && !hasHttpScheme(url) && url.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
                && !url.regionMatches(true, 0, "http:", 0, 5) && !url.regionMatches(true, 0, "https:", 0, 6)) {
            return InvalidUrl.OTHER_SCHEME;
        }
        HttpUrl parsed = HttpUrls.parse(url);
        if (parsed != null && (parsed.host().isEmpty() || hostKeyOrNull(url) == null)) {
            return InvalidUrl.NO_USABLE_HOST;
        }
        if (parsed == null && portOutOfRange(url)) {
            return InvalidUrl.NO_USABLE_HOST;
        }
        return InvalidUrl.UNPARSABLE;
    }

    /** Whether the authority of an http(s) URL ends in a port of 0 or outside 1-65535 (which OkHttp refuses). */
    private static boolean portOutOfRange(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return false;
        }
        int end = start + 3;
        while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start + 3, end);
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.lastIndexOf(']') > colon) {
            return false;
        }
        String port = authority.substring(colon + 1);
        if (!port.matches("-?[0-9]+")) {
            return false;
        }
        return port.startsWith("-") || port.length() > 5 || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65_535;
    }

    /**
     * The canonical form of {@code url} when it is an absolute http(s) URL that needs no more than
     * its fragment or an empty {@code ?} removed; null when it may need more (relative, upper case,
     * escapes, dot segments, an unsorted query, ...). Cheaper than parsing it.
     */
    public String canonicalIfPlain(String url) {
        return url == null ? null : QuickCanonical.of(url);
    }

    /** The full normalisation, without the memo or the quick path (for tests that compare them). */
    Optional<String> normalizeFully(String absoluteUrl) {
        return absoluteUrl == null || !hasHttpScheme(absoluteUrl) ? Optional.empty()
                : Optional.ofNullable(compute(absoluteUrl));
    }

    /** Number of answers remembered now (for tests). */
    int memoSize() {
        return memo.size();
    }

    /** Estimated bytes the memo holds now (for tests). */
    long memoBytesHeld() {
        return memo.bytesHeld();
    }

    /** The canonical form of an http(s) URL, or null. */
    private String compute(String absoluteUrl) {
        String url = absoluteUrl.strip();
        String ipv6Host = null;
        if (url.indexOf('[') >= 0) {
            HttpUrl parsed = HttpUrls.parse(url);
            if (parsed != null && parsed.host().indexOf(':') >= 0) {
                ipv6Host = "[" + parsed.host() + "]";
                url = parsed.newBuilder().host(IPV6_PLACEHOLDER).build().toString();
            }
        }
        String out;
        try {
            out = basic.filter(url);
        } catch (RuntimeException e) {
            // BasicURLNormalizer returns null for most bad input; anything it throws is bad input too.
            return null;
        }
        if (out == null || !hasHttpScheme(out)) {
            return null;
        }
        if (ipv6Host != null) {
            out = out.replaceFirst("://" + IPV6_PLACEHOLDER, "://" + Matcher.quoteReplacement(ipv6Host));
        }
        // BasicURLNormalizer passes ports such as 0 or 99999 that no request can use; a canonical
        // URL must have a host key, or one such link would break scope and politeness downstream.
        if (hostKeyOrNull(out) == null) {
            return null;
        }
        return sortQueryValues(out);
    }

    /** Stands in for an IPv6 literal while BasicURLNormalizer works (.invalid can never be a real host). */
    private static final String IPV6_PLACEHOLDER = "ipv6-literal.invalid";

    /**
     * The politeness and scope key of a URL: {@code host:port}, lower-case, with the scheme's default
     * port filled in ({@code http://Example.com/x} gives {@code example.com:80}). IPv6 hosts keep
     * their brackets.
     *
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL with a host
     */
    public static String hostKey(String url) {
        String key = hostKeyOrNull(url);
        if (key == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL with a host: " + url);
        }
        return key;
    }

    /**
     * {@link #hostKey}, or null where that would throw: for URLs that come from pages, where a
     * bad one is a value to drop and count, not a broken invariant.
     */
    public static String hostKeyOrNull(String url) {
        if (url == null) {
            return null;
        }
        String fast = canonicalHostKey(url);
        if (fast != null) {
            return fast;
        }
        // OkHttp's parser: lower-cases the host, fills in the default port, accepts what browsers
        // accept and refuses ports outside 1-65535, as the fetcher will.
        HttpUrl parsed = HttpUrls.parse(url.strip());
        if (parsed == null) {
            return null;
        }
        String host = parsed.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + parsed.port();
    }

    /**
     * The host key read straight off a URL already in canonical form (lower-case http or https,
     * plain host, no user info), which is what the frontier asks about for every link; null when
     * the URL is not that simple, and the full parser must decide. Parsing every link with the
     * full parser was the coordinator thread's largest cost in a profile.
     */
    private static String canonicalHostKey(String url) {
        int start;
        String defaultPort;
        if (url.startsWith("http://")) {
            start = 7;
            defaultPort = "80";
        } else if (url.startsWith("https://")) {
            start = 8;
            defaultPort = "443";
        } else {
            return null;
        }
        int end = start;
        int colon = -1;
        while (end < url.length()) {
            char c = url.charAt(end);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (c == ':') {
                colon = end;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return null; // upper case, user info, IPv6, escapes: leave it to the full parser
            }
            end++;
        }
        if (colon < 0) {
            return end == start ? null : url.substring(start, end) + ":" + defaultPort;
        }
        if (colon == start || colon == end - 1 || url.charAt(colon + 1) == '0' || end - colon > 6) {
            return null;
        }
        int port = 0;
        for (int i = colon + 1; i < end; i++) {
            char c = url.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            port = port * 10 + (c - '0');
        }
        // Out of range: the full parser refuses it, so this URL has no key at all.
        return port > 65_535 ? null : url.substring(start, end);
    }

    private static boolean hasHttpScheme(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
    }

    /** BasicURLNormalizer sorts by name only; make the order total so equal URLs compare equal. */
    private static String sortQueryValues(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        String query = url.substring(q + 1);
        if (query.isEmpty()) {
            return url.substring(0, q);
        }
        List<String> params = new ArrayList<>(List.of(query.split("&")));
        params.removeIf(String::isEmpty);
        if (params.isEmpty()) {
            return url.substring(0, q);
        }
        params.sort(BY_NAME_THEN_VALUE);
        return url.substring(0, q + 1) + String.join("&", params);
    }

    private static String paramName(String param) {
        int eq = param.indexOf('=');
        return eq < 0 ? param : param.substring(0, eq);
    }

    private static String paramValue(String param) {
        int eq = param.indexOf('=');
        return eq < 0 ? "" : param.substring(eq + 1);
    }
}
