package crawler.url;

import okhttp3.HttpUrl;

/**
 * OkHttp's URL parser, made total: every text a page, a header or a user supplies goes through
 * here, never through {@link HttpUrl#parse} or {@link HttpUrl#resolve} directly. Those return null
 * for most bad input, but not all: OkHttp 5.5.1's IPv6 decoder throws
 * {@link ArrayIndexOutOfBoundsException} for a host such as {@code [1:2:3:4:5:6:7::9]} (a "::"
 * standing for no group), which a generated-input test found. Pure functions; thread-safe.
 */
public final class HttpUrls {

    private HttpUrls() {
    }

    /** The parsed http(s) URL, or null when {@code url} is not one. Never throws. */
    public static HttpUrl parse(String url) {
        if (url == null) {
            return null;
        }
        try {
            return HttpUrl.parse(url);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code reference} resolved against {@code base}, or null when that gives no http(s) URL. Never throws. */
    public static HttpUrl resolve(HttpUrl base, String reference) {
        if (reference == null) {
            return null;
        }
        try {
            return base.resolve(reference);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
