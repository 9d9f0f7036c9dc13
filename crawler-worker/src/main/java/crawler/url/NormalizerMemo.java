package crawler.url;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link UrlNormalizer}'s memo: raw URL to canonical form (or {@link #REJECTED}). The same link
 * strings recur on many pages (navigation, popular targets), and BasicURLNormalizer's regular
 * expressions were about a tenth of a fetch thread's CPU in a profile. Bounded in entries and in
 * estimated bytes: emptied when either bound is reached, so memory stays capped (concurrent writers
 * may overshoot the byte bound by an entry each).
 *
 * <p>Thread-safe.
 */
final class NormalizerMemo {

    /** Estimated bytes of one memo entry beyond its characters: the map node and two String objects with their arrays. */
    static final int ENTRY_OVERHEAD_BYTES = 120;

    /** Memo value for input that has no canonical form (a String no URL can equal). */
    static final String REJECTED = new String("");

    private final ConcurrentHashMap<String, String> memo = new ConcurrentHashMap<>();
    private final AtomicLong bytesHeld = new AtomicLong();
    private final int maxEntries;
    private final long maxBytes;

    /**
     * @param maxEntries how many answers to remember; 0 turns the memo off
     * @param maxBytes   estimated bytes it may hold; 0 turns it off, and an answer over a 64th of it is not kept
     */
    NormalizerMemo(int maxEntries, long maxBytes) {
        this.maxEntries = maxBytes == 0 ? 0 : maxEntries;
        this.maxBytes = maxBytes;
    }

    boolean off() {
        return maxEntries == 0;
    }

    /** The remembered answer, {@link #REJECTED}, or null when none is remembered. */
    String get(String url) {
        return memo.get(url);
    }

    void remember(String url, String canonical) {
        long cost = entryBytes(url, canonical);
        if (cost > maxBytes / 64) {
            return; // one huge URL must not flush every ordinary one
        }
        if (memo.size() >= maxEntries || bytesHeld.get() + cost > maxBytes) {
            memo.clear(); // crude but bounded; a crawl's recurring links refill it at once
            bytesHeld.set(0);
        }
        if (memo.put(url, canonical) == null) {
            bytesHeld.addAndGet(cost);
        }
    }

    /** Estimated heap bytes of one entry: one byte per character of a Latin-1 string, two otherwise. */
    static long entryBytes(String url, String canonical) {
        return ENTRY_OVERHEAD_BYTES + stringBytes(url) + (canonical == REJECTED ? 0 : stringBytes(canonical));
    }

    private static long stringBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return 2L * s.length();
            }
        }
        return s.length();
    }

    /** Number of answers remembered now. */
    int size() {
        return memo.size();
    }

    /** Estimated bytes held now. */
    long bytesHeld() {
        return bytesHeld.get();
    }
}
