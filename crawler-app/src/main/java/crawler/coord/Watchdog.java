package crawler.coord;

import crawler.exec.BatchExecutor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Notices a crawl that made no progress (no result at all) for the stall timeout, names the URLs
 * that hold it and who runs them, and acts: a stuck URL is handed out again once
 * ({@link BatchExecutor#rehand}); one stuck again after that is given up, for the coordinator to
 * record as {@link crawler.page.ErrorKind#STALLED}. So a crawl never waits for ever on a fetch that
 * hangs past every timeout.
 *
 * <p>A URL counts as stuck when it has been in flight for the stall timeout; URLs handed out more
 * recently are left alone. The watchdog acts at most once per stall timeout.
 *
 * <p>Not thread-safe: confined to the coordinator's thread, like all crawl state.
 */
final class Watchdog {

    /** URLs named one by one in a report; the rest are counted. */
    private static final int NAMED = 5;

    private final long stallNanos;
    private final Duration stallTimeout;
    private final PrintStream log;
    private long lastAction;

    Watchdog(Duration stallTimeout, PrintStream log, long start) {
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.stallNanos = stallTimeout.toNanos();
        this.log = Objects.requireNonNull(log, "log");
        this.lastAction = start;
    }

    /**
     * Called on every turn of the coordinator's loop. When the crawl has stalled, reports the stuck
     * URLs, re-hands those not re-handed before (updating {@code inFlight}) and returns those that
     * stalled a second time, which the caller must record as failed and remove from flight.
     */
    List<InFlight> check(long now, long lastProgress, Map<String, InFlight> inFlight, BatchExecutor executor) {
        if (inFlight.isEmpty() || now - lastProgress < stallNanos || now - lastAction < stallNanos) {
            return List.of();
        }
        lastAction = now;
        List<InFlight> stuck = new ArrayList<>();
        for (InFlight f : inFlight.values()) {
            if (now - f.since() >= stallNanos) {
                stuck.add(f);
            }
        }
        stuck.sort(Comparator.comparingLong(InFlight::since));
        report(now, inFlight.size(), stuck, executor.holders(stuck.stream().map(f -> f.task().url()).toList()));

        List<String> first = stuck.stream().filter(f -> !f.rehanded()).map(f -> f.task().url()).toList();
        List<InFlight> again = stuck.stream().filter(InFlight::rehanded).toList();
        if (!first.isEmpty()) {
            Set<String> rehanded = executor.rehand(first);
            for (String url : first) {
                InFlight f = inFlight.get(url);
                // One the executor could not re-hand keeps its age: the next stall gives up on it.
                inFlight.put(url, rehanded.contains(url) ? f.rehandedAt(now) : new InFlight(f.task(), f.since(), true));
            }
            log.printf("crawler: watchdog: handed %d of %d stuck URLs out again (once)%s%n", rehanded.size(),
                    first.size(), rehanded.size() < first.size() ? "; the executor could not re-hand the rest" : "");
        }
        if (!again.isEmpty()) {
            log.printf("crawler: watchdog: giving up on %d URLs stuck twice; they are recorded as STALLED%n",
                    again.size());
        }
        return again;
    }

    /** How long the crawl waits without any result before the watchdog acts. */
    Duration stallTimeout() {
        return stallTimeout;
    }

    /** "60 s", or "1500 ms" below ten seconds, where whole seconds would hide the value. */
    static String readable(Duration d) {
        return d.compareTo(Duration.ofSeconds(10)) < 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private void report(long now, int inFlight, List<InFlight> stuck, Map<String, String> holders) {
        log.printf("crawler: watchdog: no result for %s; %d URLs in flight, %d stuck:%n",
                readable(stallTimeout), inFlight, stuck.size());
        for (InFlight f : stuck.subList(0, Math.min(NAMED, stuck.size()))) {
            String holder = holders.get(f.task().url());
            log.printf("crawler:   %s (in flight %s%s%s)%n", f.task().url(),
                    readable(Duration.ofNanos(now - f.since())), f.rehanded() ? ", handed out twice" : "",
                    holder == null ? "" : ", held by " + holder);
        }
        if (stuck.size() > NAMED) {
            log.printf("crawler:   ... and %d more%n", stuck.size() - NAMED);
        }
    }
}
