package crawler.frontier;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Queued URLs, by depth and within a depth by host: hand-out goes lowest depth first, and within
 * a depth round-robin over hosts, so that one slow host cannot hold back the others. There is no
 * barrier between depths: a deeper URL goes out whenever no shallower one can.
 *
 * <p>Not thread-safe: confined to the coordinator thread with its {@link Frontier}.
 */
final class DepthQueues {

    private final TreeMap<Integer, Map<String, ArrayDeque<UrlNode>>> byDepth = new TreeMap<>();
    private long size;

    void add(UrlNode node) {
        byDepth.computeIfAbsent(node.depth, d -> new LinkedHashMap<>())
                .computeIfAbsent(node.host, h -> new ArrayDeque<>()).add(node);
        size++;
    }

    /** Takes a queued node out of the queue of its depth {@code from} (before its depth changes). */
    void remove(UrlNode node, int from) {
        Map<String, ArrayDeque<UrlNode>> hosts = byDepth.get(from);
        ArrayDeque<UrlNode> queue = hosts == null ? null : hosts.get(node.host);
        if (queue == null || !queue.remove(node)) {
            throw new IllegalStateException("not queued at depth " + from + ": " + node.url);
        }
        size--;
        if (queue.isEmpty()) {
            hosts.remove(node.host);
            if (hosts.isEmpty()) {
                byDepth.remove(from);
            }
        }
    }

    /**
     * Moves up to {@code max} nodes into {@code out}, lowest depth first, skipping hosts that
     * {@code mayGo} refuses for the node at the head of their queue.
     */
    void takeReady(int max, Predicate<UrlNode> mayGo, List<UrlNode> out) {
        Iterator<Map<String, ArrayDeque<UrlNode>>> depths = byDepth.values().iterator();
        while (depths.hasNext() && out.size() < max) {
            Map<String, ArrayDeque<UrlNode>> hosts = depths.next();
            takeRoundRobin(hosts, max, mayGo, out);
            if (hosts.isEmpty()) {
                depths.remove();
            }
        }
    }

    private void takeRoundRobin(Map<String, ArrayDeque<UrlNode>> hosts, int max, Predicate<UrlNode> mayGo,
                                List<UrlNode> out) {
        // One URL per host per pass, so hosts share a batch fairly.
        boolean progress = true;
        while (out.size() < max && progress) {
            progress = false;
            Iterator<ArrayDeque<UrlNode>> it = hosts.values().iterator();
            while (it.hasNext() && out.size() < max) {
                ArrayDeque<UrlNode> queue = it.next();
                if (!mayGo.test(queue.peek())) {
                    continue;
                }
                out.add(queue.poll());
                size--;
                progress = true;
                if (queue.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /** The least of {@code waitFor} over the hosts with queued URLs; {@code Long.MAX_VALUE} when none. */
    long minOverHosts(ToLongFunction<String> waitFor) {
        long best = Long.MAX_VALUE;
        Set<String> asked = new HashSet<>();
        for (Map<String, ArrayDeque<UrlNode>> hosts : byDepth.values()) {
            for (String host : hosts.keySet()) {
                if (asked.add(host)) {
                    best = Math.min(best, waitFor.applyAsLong(host));
                    if (best == 0) {
                        return 0;
                    }
                }
            }
        }
        return best;
    }

    /** The hosts with queued URLs, each once. */
    Set<String> hosts() {
        Set<String> hosts = new HashSet<>();
        for (Map<String, ArrayDeque<UrlNode>> byHost : byDepth.values()) {
            hosts.addAll(byHost.keySet());
        }
        return hosts;
    }

    long size() {
        return size;
    }

    /** The smallest depth with a queued URL, or -1. */
    int lowestDepth() {
        return byDepth.isEmpty() ? -1 : byDepth.firstKey();
    }
}
