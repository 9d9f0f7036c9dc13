package crawler.exec;

import crawler.page.PageTask;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A URL list the coordinator hands to an executor in one go. In process mode a batch is one
 * message on a worker's stdin; in thread modes it is split into one task per URL.
 *
 * @param startGapOf per host key, the least time between two request starts the coordinator's
 *                   politeness keeps there (robots.txt Crawl-delay included). It reads the
 *                   frontier, so it may only be asked on the coordinator's thread, in an executor's
 *                   {@code submit}. Thread and process modes never ask, since the coordinator
 *                   already paced the hand-out; cluster mode asks once per host of the batch and
 *                   sends the gap to the member that owns the host, which keeps it when batches of
 *                   one host arrive together.
 */
public record Batch(long id, List<PageTask> tasks, Function<String, Duration> startGapOf) {
    private static final Function<String, Duration> NO_GAP = host -> Duration.ZERO;

    public Batch {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(startGapOf, "startGapOf");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("batch " + id + " is empty");
        }
    }

    /** A batch whose hosts have no gap between request starts. */
    public Batch(long id, List<PageTask> tasks) {
        this(id, tasks, NO_GAP);
    }

    /** The least time between two request starts on {@code hostKey}, zero when none. */
    public Duration startGap(String hostKey) {
        return startGapOf.apply(hostKey);
    }
}
