package crawler.url;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises a URL that is already in {@link UrlNormalizer}'s canonical form but for a fragment, a
 * lone trailing {@code ?} or the order of its query parameters, without the full normaliser. Links resolved against a page by OkHttp
 * come out nearly canonical (lower-case scheme and host, no default port, dot segments resolved),
 * and BasicURLNormalizer's regular expressions and java.net.URI round trips were then the largest
 * part of link extraction's CPU, for URLs they left unchanged.
 *
 * <p>Deliberately narrow: it answers only for URLs made of characters no normalisation step
 * rewrites (no escapes, no dot or empty path segments, no empty query parameters, a host the JDK's
 * URI parser takes as a plain host name or IPv4 address), and says "not sure" for everything else,
 * which then goes the full way. Pure and thread-safe.
 */
final class QuickCanonical {

    private QuickCanonical() {
    }

    /** The canonical form of {@code url}, or null when only the full normaliser can tell. */
    static String of(String url) {
        int end = url.indexOf('#');
        if (end < 0) {
            end = url.length();
        }
        if (end > 0 && url.charAt(end - 1) == '?') {
            end--; // an empty query is dropped, like the fragment
            if (url.lastIndexOf('?', end - 1) >= 0) {
                return null; // not an empty query but a '?' ending a query's last value
            }
        }
        int hostStart;
        int defaultPort;
        if (url.startsWith("http://")) {
            hostStart = 7;
            defaultPort = 80;
        } else if (url.startsWith("https://")) {
            hostStart = 8;
            defaultPort = 443;
        } else {
            return null;
        }
        int pathStart = authorityEnd(url, hostStart, end, defaultPort);
        if (pathStart < 0 || pathStart == end || url.charAt(pathStart) != '/') {
            return null;
        }
        int query = url.indexOf('?', pathStart);
        if (query >= end) {
            query = -1;
        }
        if (!plainPath(url, pathStart, query < 0 ? end : query)) {
            return null;
        }
        if (query < 0) {
            return end == url.length() ? url : url.substring(0, end);
        }
        String sortedQuery = plainQuery(url, query + 1, end);
        if (sortedQuery == null) {
            return null;
        }
        return url.regionMatches(query + 1, sortedQuery, 0, end - query - 1) && end == url.length() ? url
                : url.substring(0, query + 1) + sortedQuery;
    }

    /** Where the path starts, or -1 when the host or port is not plainly canonical. */
    private static int authorityEnd(String url, int start, int end, int defaultPort) {
        int i = start;
        int labelStart = start;
        boolean allDigitsAndDots = true;
        int dots = 0;
        while (i < end) {
            char c = url.charAt(i);
            if (c == '/' || c == ':') {
                break;
            }
            if (c == '.') {
                if (i == labelStart || url.charAt(i - 1) == '-') {
                    return -1; // empty label, or one ending in '-'
                }
                dots++;
                labelStart = i + 1;
            } else if (c == '-') {
                if (i == labelStart) {
                    return -1;
                }
                allDigitsAndDots = false;
            } else if (c >= 'a' && c <= 'z') {
                allDigitsAndDots = false;
            } else if (c < '0' || c > '9') {
                return -1; // upper case, user info, IPv6, escapes, query without a path
            }
            i++;
        }
        if (i == start || i == labelStart || url.charAt(i - 1) == '-') {
            return -1; // no host, or a trailing dot or '-'
        }
        if (allDigitsAndDots ? !isIpv4(url, start, i, dots) : !isLetter(url.charAt(labelStart))) {
            return -1; // java.net.URI wants the last label of a host name to start with a letter
        }
        if (i < end && url.charAt(i) == ':') {
            int portStart = ++i;
            while (i < end && url.charAt(i) >= '0' && url.charAt(i) <= '9') {
                i++;
            }
            int digits = i - portStart;
            if (digits == 0 || digits > 5 || url.charAt(portStart) == '0') {
                return -1;
            }
            int port = Integer.parseInt(url, portStart, i, 10);
            if (port > 65535 || port == defaultPort) {
                return -1;
            }
        }
        return i;
    }

    private static boolean isIpv4(String url, int start, int end, int dots) {
        if (dots != 3) {
            return false;
        }
        int octetStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || url.charAt(i) == '.') {
                int len = i - octetStart;
                if (len == 0 || len > 3 || len > 1 && url.charAt(octetStart) == '0'
                        || Integer.parseInt(url, octetStart, i, 10) > 255) {
                    return false;
                }
                octetStart = i + 1;
            }
        }
        return true;
    }

    /** Unreserved characters and '/', with no empty, "." or ".." segment (nothing to resolve or squeeze). */
    private static boolean plainPath(String url, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = url.charAt(i);
            if (c == '/') {
                if (i + 1 < end && (url.charAt(i + 1) == '/' || url.charAt(i + 1) == '.')) {
                    return false;
                }
            } else if (c == '.') {
                if (i + 1 < end && url.charAt(i + 1) == '/') {
                    return false;
                }
            } else if (!isUnreserved(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The query {@code url[start, end)} in canonical order, when it is made of parameters
     * {@code name} or {@code name=value} of unreserved characters, none empty: sorted by name, then
     * value, which is all the normaliser would do to it. Null for anything else.
     */
    private static String plainQuery(String url, int start, int end) {
        if (start >= end) {
            return null;
        }
        List<String> params = new ArrayList<>(4);
        boolean sorted = true;
        int paramStart = start;
        for (int i = start; i <= end; i++) {
            if (i < end && url.charAt(i) != '&') {
                continue;
            }
            int eq = -1;
            for (int j = paramStart; j < i; j++) {
                char c = url.charAt(j);
                if (c == '=') {
                    if (eq >= 0) {
                        return null;
                    }
                    eq = j;
                } else if (!isUnreserved(c)) {
                    return null;
                }
            }
            if (i == paramStart || eq == paramStart || eq == i - 1) {
                return null; // empty parameter, empty name, or "name=" (which becomes "name")
            }
            String param = url.substring(paramStart, i);
            if (!params.isEmpty() && UrlNormalizer.BY_NAME_THEN_VALUE.compare(params.getLast(), param) > 0) {
                sorted = false;
            }
            params.add(param);
            paramStart = i + 1;
        }
        if (sorted) {
            return url.substring(start, end);
        }
        params.sort(UrlNormalizer.BY_NAME_THEN_VALUE);
        return String.join("&", params);
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
