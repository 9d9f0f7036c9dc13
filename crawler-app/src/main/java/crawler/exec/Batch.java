package crawler.exec;

import crawler.page.PageTask;
import java.time.Duration;
import crawler.url.UrlNormalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A URL list the coordinator hands to an executor in one go. In process mode a batch is one
 * message on a worker's stdin; in thread modes it is split into one task per URL.
 *
 * @param startGaps per host key of the batch's URLs, the least time between two request starts
 *                  the coordinator's politeness keeps there (robots.txt Crawl-delay included); a
 *                  host left out has none. Thread and process modes need not read it, since the
 *                  coordinator already paced the hand-out; cluster mode sends it to the member that
 *                  owns the host, which keeps the gap when batches of one host arrive together.
 */
public record Batch(long id, List<PageTask> tasks, Map<String, Duration> startGaps) {
    public Batch {
        tasks = List.copyOf(tasks);
        startGaps = Map.copyOf(startGaps);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("batch " + id + " is empty");
        }
    }

    /** A batch whose hosts have no gap between request starts. */
    public Batch(long id, List<PageTask> tasks) {
        this(id, tasks, Map.of());
    }

    /**
     * A batch with the gaps {@code startGapOf} gives its URLs' hosts (the frontier's politeness,
     * asked on the coordinator's thread), hosts without a gap left out.
     */
    public static Batch paced(long id, List<PageTask> tasks, Function<String, Duration> startGapOf) {
        Map<String, Duration> gaps = new HashMap<>();
        Set<String> asked = new HashSet<>();
        for (PageTask t : tasks) {
            String host = UrlNormalizer.hostKeyOrNull(t.url());
            if (host != null && asked.add(host)) {
                Duration gap = startGapOf.apply(host);
                if (gap.isPositive()) {
                    gaps.put(host, gap);
                }
            }
        }
        return new Batch(id, tasks, gaps);
    }

    /** The least time between two request starts on {@code hostKey}, zero when none. */
    public Duration startGap(String hostKey) {
        return startGaps.getOrDefault(hostKey, Duration.ZERO);
    }
}
