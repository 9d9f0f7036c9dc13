package crawler.exec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Process mode as the watchdog sees it: an executor of worker processes, plus the watchdog's first
 * remedy done from outside it. A stall means no worker delivered anything for the stall timeout,
 * so every live worker is either idle or stuck; {@link #rehand} SIGKILLs the live workers, and the
 * process executor does what it does for any dead worker: it hands the URLs they held to a fresh
 * process, once each, exactly as for a crash (each URL still yields one result).
 *
 * <p>The process executor does not tell which worker holds which URL, so {@link #holders} names
 * the live workers; {@link #giveUp} kills nothing (a kill would only hand the URLs out again), and
 * the stuck work ends with the crawl's shutdown.
 *
 * <p>Thread-safety: as the wrapped executor's; {@link #rehand} and {@link #holders} are called from
 * the coordinator's thread.
 */
public final class KillStuckWorkers implements BatchExecutor {

    private final BatchExecutor workers;
    private final WorkerRoster roster;

    /**
     * @param workers a process executor whose listener is {@code roster}
     * @param roster  the listener that saw the workers start and die
     */
    public KillStuckWorkers(BatchExecutor workers, WorkerRoster roster) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.roster = Objects.requireNonNull(roster, "roster");
    }

    @Override
    public void submit(Batch batch) {
        workers.submit(batch);
    }

    @Override
    public void shutdown(long graceMillis) {
        workers.shutdown(graceMillis);
    }

    @Override
    public Map<String, String> holders(Collection<String> urls) {
        Map<Integer, Long> live = roster.live();
        if (live.isEmpty()) {
            return Map.of();
        }
        String who = (live.size() == 1 ? "worker " : "one of workers ") + live.entrySet().stream()
                .map(e -> e.getKey() + " (pid " + e.getValue() + ")").collect(Collectors.joining(", "));
        Map<String, String> holders = new LinkedHashMap<>();
        urls.forEach(url -> holders.put(url, who));
        return holders;
    }

    /** SIGKILLs every live worker; the executor requeues what they held. */
    @Override
    public Set<String> rehand(Collection<String> urls) {
        Map<Integer, Long> live = roster.live();
        if (live.isEmpty()) {
            return Set.of();
        }
        long self = ProcessHandle.current().pid();
        for (long pid : live.values()) {
            // Only our own child: a worker that just died may not have left the roster yet, and its pid
            // could already belong to another process.
            ProcessHandle.of(pid).filter(p -> p.parent().map(ProcessHandle::pid).orElse(-1L) == self)
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        return Set.copyOf(urls);
    }
}
