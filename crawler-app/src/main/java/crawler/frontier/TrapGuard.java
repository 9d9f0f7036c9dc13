package crawler.frontier;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Rejects URLs that look like crawler traps before they reach the queue: overlong URLs and paths
 * that repeat a segment (e.g. {@code /a/b/a/b/a/b/}, typical of relative-link loops). Endless but
 * well-formed traps (calendars) are stopped by the depth limit and the per-host page budget.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxUrlLength        longest URL accepted, in characters
 * @param maxSegmentRepeats   how often one path segment may occur in a path
 */
public record TrapGuard(int maxUrlLength, int maxSegmentRepeats) {

    public TrapGuard {
        if (maxUrlLength < 16) {
            throw new IllegalArgumentException("maxUrlLength must be >= 16, was " + maxUrlLength);
        }
        if (maxSegmentRepeats < 1) {
            throw new IllegalArgumentException("maxSegmentRepeats must be >= 1, was " + maxSegmentRepeats);
        }
    }

    public static TrapGuard defaults() {
        return new TrapGuard(2048, 3);
    }

    /** Why the URL is rejected, or null when it is acceptable. */
    public String rejectionReason(String url) {
        if (url.length() > maxUrlLength) {
            return "URL longer than " + maxUrlLength + " characters";
        }
        String path;
        try {
            path = URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            return "unparseable URL";
        }
        if (path == null) {
            return null;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (counts.merge(segment, 1, Integer::sum) > maxSegmentRepeats) {
                return "path segment '" + segment + "' repeated more than " + maxSegmentRepeats + " times";
            }
        }
        return null;
    }
}
