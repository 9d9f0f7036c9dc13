package crawler.bench;

import crawler.frontier.Admission;
import crawler.frontier.Frontier;
import crawler.frontier.FrontierLimits;
import crawler.frontier.Politeness;
import crawler.frontier.PolitenessConfig;
import crawler.frontier.RobotsGate;
import crawler.frontier.Scope;
import crawler.frontier.Ticker;
import crawler.frontier.TrapGuard;
import crawler.page.PageTask;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A bounded benchmark (not a test): the frontier's live heap after N distinct URLs were offered to
 * it, the way a crawl offers them, as the links of pages it hands out and takes back. Each page
 * done carries one new URL and {@code seenLinks} links to pages already done (navigation), so
 * the queue stays at one batch and what the heap holds at the end is what the frontier
 * remembers of the URLs it is done with: every URL offered is fetched, as in a crawl without a
 * page limit. Live heap = heap used after {@code System.gc()} (run with
 * {@code -XX:+UseSerialGC}, where that is a full collection), minus the same before the frontier
 * was built.
 *
 * <p>Run (docs/memory.md): {@code java -XX:+UseSerialGC -Xmx1g -cp <test classpath>
 * crawler.bench.FrontierMemoryBench [urls] [depth|inf] [seenLinks]}. Bounded by the URL count
 * and a 10-minute wall-time cap.
 */
public final class FrontierMemoryBench {

    private static final long WALL_CAP_NANOS = 600_000_000_000L;
    private static final String HOST = "http://bench.test";

    private FrontierMemoryBench() {
    }

    public static void main(String[] args) {
        long urls = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        int depth = args.length > 1 && !args[1].equals("inf") ? Integer.parseInt(args[1]) : FrontierLimits.UNLIMITED_DEPTH;
        int seenLinks = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long before = liveHeap();
        long start = System.nanoTime();

        Frontier frontier = new Frontier(new FrontierLimits(depth, 0, 0),
                Scope.ofSeeds(List.of(HOST + "/"), List.of(), List.of(Pattern.compile("^$"))), TrapGuard.defaults(),
                RobotsGate.IGNORE, new Politeness(PolitenessConfig.unlimited(), Ticker.SYSTEM));
        long offered = 1;
        frontier.offer(HOST + "/", 0);
        long next = 0;
        long pages = 0;
        List<String> links = new ArrayList<>(1 + seenLinks);
        while (System.nanoTime() - start < WALL_CAP_NANOS) {
            List<PageTask> batch = frontier.take(1_000);
            if (batch.isEmpty()) {
                break;
            }
            for (PageTask t : batch) {
                links.clear();
                if (offered < urls) {
                    links.add(url(next++));
                    offered++;
                }
                for (int i = 1; i <= seenLinks && next > i * 1_000L; i++) {
                    links.add(url(next - i * 1_000L)); // done already, or about to be
                }
                frontier.completed(t, links);
                pages++;
            }
        }
        long elapsed = System.nanoTime() - start;
        long after = liveHeap();
        long live = after - before;
        System.out.printf(Locale.ROOT, "frontier: %,d URLs offered (%,d pages done, %,d still queued), depth %s%n",
                offered, pages, frontier.queued(), depth == FrontierLimits.UNLIMITED_DEPTH ? "inf" : depth);
        System.out.printf(Locale.ROOT, "frontier: %,d URLs remembered, %,d entries; too deep: %,d%n",
                frontier.urlsRemembered(), frontier.urlsTracked(),
                frontier.admissionCounts().getOrDefault(Admission.TOO_DEEP, 0L));
        System.out.printf(Locale.ROOT, "live heap: %.1f MB (%.1f bytes per URL offered); %.1f s%n",
                live / 1e6, (double) live / offered, elapsed / 1e9);
        // Keeps the frontier reachable until after the measurement.
        if (frontier.urlsRemembered() < 0) {
            System.out.println(frontier);
        }
    }

    /** Distinct, about 60 characters: a realistic URL length. */
    private static String url(long i) {
        return HOST + "/section" + (i % 97) + "/articles/page-" + i + ".html?lang=en";
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
