package crawler.frontier;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;

/**
 * What the frontier remembers of each URL, by its 64-bit {@link UrlFingerprint}: an entry while
 * the URL is queued, in flight or awaiting robots.txt (and, in a depth-limited crawl, also once
 * done or when seen just beyond the limit); only the fingerprint, in an open-addressing set, for a
 * URL done in a crawl whose depth is unlimited (docs/memory.md).
 *
 * <p>Not thread-safe: confined to the coordinator thread, like the {@link Frontier} that owns it.
 */
final class UrlTable {

    /** Whether done pages keep entries (and their links' entries): a depth-limited crawl needs them. */
    private final boolean keepLinks;
    private final LongObjectHashMap<UrlNode> nodes = new LongObjectHashMap<>();
    /** Fingerprints of URLs done whose entries were dropped (depth unlimited: nothing more is needed of them). */
    private final LongHashSet done = new LongHashSet();

    UrlTable(boolean keepLinks) {
        this.keepLinks = keepLinks;
    }

    boolean keepsLinks() {
        return keepLinks;
    }

    /** The URL's entry, or null when it has none (never seen, refused, or done and forgotten). */
    UrlNode get(long fingerprint) {
        return nodes.get(fingerprint);
    }

    void put(UrlNode node) {
        nodes.put(node.fingerprint, node);
    }

    void remove(long fingerprint) {
        nodes.remove(fingerprint);
    }

    /** True for a URL done in a crawl where a shorter depth changes nothing: only its fingerprint is left. */
    boolean doneWithoutEntry(long fingerprint) {
        return done.contains(fingerprint);
    }

    /** A handed-out URL is done: when the depth is unlimited nothing more is needed of it than that it was seen. */
    void finished(UrlNode node) {
        if (!keepLinks) {
            nodes.remove(node.fingerprint);
            done.add(node.fingerprint);
        }
    }

    /** A page an earlier run finished, at its shortest known depth. */
    void markDone(long fingerprint, int depth) {
        if (!keepLinks) {
            done.add(fingerprint);
            return;
        }
        UrlNode node = nodes.get(fingerprint);
        if (node == null) {
            node = new UrlNode(fingerprint, null, depth, UrlNode.State.DONE);
            node.journaled = true;
            nodes.put(fingerprint, node);
        } else {
            node.depth = Math.min(node.depth, depth);
        }
    }

    /** Pages an earlier run of a crawl without a depth limit finished. */
    void markDone(LongHashSet fingerprints) {
        if (keepLinks) {
            throw new IllegalStateException("a depth-limited crawl needs each journaled page's depth");
        }
        done.addAll(fingerprints);
    }

    /** Entries held (not counting done URLs kept only as fingerprints). */
    int entries() {
        return nodes.size();
    }

    /** URLs remembered in any form: entries plus fingerprints of done URLs. */
    long remembered() {
        return (long) nodes.size() + done.size();
    }
}
