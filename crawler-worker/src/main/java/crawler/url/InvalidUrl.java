package crawler.url;

/**
 * Why a link a page holds (or a redirect names) is no URL the crawl can request. The one judge is
 * {@link UrlNormalizer#normalize}; this names the reason it refused, for the counts in the summary.
 */
public enum InvalidUrl {
    /** A scheme other than http or https: {@code mailto:}, {@code javascript:}, {@code ftp:}, ... */
    OTHER_SCHEME,
    /** Not a URL at all: bad escapes, spaces or forbidden characters in the host, unclosed brackets, ... */
    UNPARSABLE,
    /** Parsed, but with no host and port a request could use: an empty host, a port of 0 or above 65535. */
    NO_USABLE_HOST;

    /** The name used in results and the summary. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
