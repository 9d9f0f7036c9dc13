package crawler.exec;

import crawler.page.PageTask;
import java.util.List;

/**
 * A URL list the coordinator hands to an executor in one go. In process mode a batch is one
 * message on a worker's stdin; in thread modes it is split into one task per URL.
 */
public record Batch(long id, List<PageTask> tasks) {
    public Batch {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("batch " + id + " is empty");
        }
    }
}
