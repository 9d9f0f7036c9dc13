package crawler.fetch;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which response bodies {@link Fetcher} reads, and how much of them.
 *
 * @param maxBytes   decoded-size cap; a longer body is cut there and reported as TOO_LARGE
 * @param mediaTypes {@code type/subtype} values whose bodies are read; any other type is reported as
 *                   UNSUPPORTED_CONTENT_TYPE without reading its body. Empty means every type is read.
 * @param keepsPrefix whether a body over the cap (a decompression bomb included) is a success
 *                   holding its first {@code maxBytes} bytes, instead of TOO_LARGE or
 *                   DECOMPRESSION_BOMB: for robots.txt, which RFC 9309 asks to parse from its
 *                   first 500 KiB whatever its length
 */
public record BodyPolicy(long maxBytes, Set<String> mediaTypes, boolean keepsPrefix) {

    /** The types the page parser handles. */
    public static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");

    /** Largest cap: the body is held in one byte array. */
    public static final long MAX_CAP = Integer.MAX_VALUE - 16;

    public BodyPolicy {
        if (maxBytes < 1 || maxBytes > MAX_CAP) {
            throw new IllegalArgumentException("maxBytes must be in [1, " + MAX_CAP + "], was " + maxBytes);
        }
        mediaTypes = mediaTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public BodyPolicy(long maxBytes, Set<String> mediaTypes) {
        this(maxBytes, mediaTypes, false);
    }

    public static BodyPolicy html(long maxBytes) {
        return new BodyPolicy(maxBytes, HTML_TYPES);
    }

    public static BodyPolicy anyType(long maxBytes) {
        return new BodyPolicy(maxBytes, Set.of());
    }

    /** Every type, and a longer body cut to its first {@code maxBytes} bytes rather than failed. */
    public static BodyPolicy prefixOf(long maxBytes) {
        return new BodyPolicy(maxBytes, Set.of(), true);
    }

    /**
     * Whether a body of this type is read. A response without a Content-Type is read (and then
     * treated as HTML by the page processor): servers that omit it mostly serve HTML.
     */
    public boolean reads(String mediaTypeOrNull) {
        return mediaTypes.isEmpty() || mediaTypeOrNull == null || mediaTypes.contains(mediaTypeOrNull);
    }
}
