package crawler.exec;

import crawler.page.PageResult;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listener in front of another that keeps track of the live worker processes (id to pid) from
 * the executor's {@link ExecEvent}s, passing everything on unchanged. Thread-safe, like every
 * listener must be.
 */
public final class WorkerRoster implements ResultListener {

    private final ResultListener next;
    private final Map<Integer, Long> live = new ConcurrentHashMap<>();

    public WorkerRoster(ResultListener next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void onResult(PageResult result) {
        next.onResult(result);
    }

    @Override
    public void onEvent(ExecEvent event) {
        switch (event) {
            case ExecEvent.WorkerStarted s -> live.put(s.workerId(), s.pid());
            case ExecEvent.WorkerDied d -> live.remove(d.workerId(), d.pid());
        }
        next.onEvent(event);
    }

    /** Live workers by id, in id order: a snapshot. */
    public Map<Integer, Long> live() {
        return new TreeMap<>(live);
    }
}
