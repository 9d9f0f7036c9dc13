package crawler.exec.process;

import crawler.page.PageTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Collection;
import java.util.Map;

/**
 * Who holds which URL in process mode, and what happens to a URL when its worker dies. Pure
 * bookkeeping, no processes or I/O, so the exactly-once and retry rules are tested on their own.
 *
 * <p>Workers are numbered 1..P. A URL is outstanding from {@link #assign} until {@link #complete}
 * or its worker's {@link #died}. Each URL counts the deaths of workers that had
 * {@linkplain #started started} it; a URL a worker held but had not started is requeued free.
 *
 * <p>Not thread-safe: the executor calls it under its lock.
 */
final class WorkLedger {

    /** A wire batch for one worker: what to send. */
    record Assignment(int workerId, long wireBatch, List<PageTask> tasks) {
    }

    /** What a worker's death left: URLs to hand out again and URLs that used up their attempts. */
    record Leftovers(List<Pending> retry, List<Pending> exhausted) {
    }

    /** An outstanding URL. {@code attempts}: deaths of workers that were running it. */
    record Pending(PageTask task, int attempts, boolean running) {
    }

    private record Key(long wireBatch, String url) {
    }

    /** One outstanding URL and where it is: which worker, in which wire batch. */
    record Held(int workerId, long wireBatch, String url) {
    }

    private final int maxAttempts;
    private final int capacity;
    private final List<Map<Key, Pending>> outstanding = new ArrayList<>();
    private final boolean[] live;
    private long nextWireBatch;

    /** Workers without a limit on the URLs each can run at once. */
    WorkLedger(int workers, int maxAttempts) {
        this(workers, maxAttempts, Integer.MAX_VALUE);
    }

    /**
     * @param capacity URLs one worker runs at once (its fetch threads): new work is split rather
     *                 than queued inside a worker that has no free thread while another has one
     */
    WorkLedger(int workers, int maxAttempts, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.maxAttempts = maxAttempts;
        this.live = new boolean[workers];
        for (int i = 0; i < workers; i++) {
            outstanding.add(new HashMap<>());
        }
    }

    /** Marks a worker able (or no longer able) to take work. */
    void setLive(int workerId, boolean isLive) {
        live[workerId - 1] = isLive;
    }

    boolean anyLive() {
        for (boolean l : live) {
            if (l) {
                return true;
            }
        }
        return false;
    }

    int outstanding(int workerId) {
        return outstanding.get(workerId - 1).size();
    }

    int totalOutstanding() {
        return outstanding.stream().mapToInt(Map::size).sum();
    }

    /**
     * New work, never attempted, as one wire batch to the live worker with the fewest outstanding
     * URLs (the lowest id on a tie). When that worker has fewer free threads than the batch has
     * URLs, it gets as many as it has free threads and the rest goes on the same way to the next
     * least-loaded worker: a URL queued in a busy worker while another worker idles is a request
     * not in flight. Once every worker is full, the rest goes to the least-loaded one. Empty if no
     * worker is live; then nothing is recorded.
     */
    List<Assignment> assign(List<PageTask> tasks) {
        List<Pending> work = tasks.stream().map(t -> new Pending(t, 0, false)).toList();
        List<Assignment> assignments = new ArrayList<>();
        int from = 0;
        while (from < work.size()) {
            int target = leastLoaded();
            if (target == 0) {
                break;
            }
            int room = capacity - outstanding(target);
            int to = room > 0 ? Math.min(work.size(), from + room) : work.size();
            assignments.add(record(target, work.subList(from, to)));
            from = to;
        }
        return assignments;
    }

    /** The live worker with the fewest outstanding URLs (lowest id on a tie), or 0 if none is live. */
    private int leastLoaded() {
        int best = 0;
        for (int i = 0; i < live.length; i++) {
            if (live[i] && (best == 0 || outstanding.get(i).size() < outstanding(best))) {
                best = i + 1;
            }
        }
        return best;
    }

    /** Records {@code work} as one new wire batch held by {@code target}. */
    private Assignment record(int target, List<Pending> work) {
        long wireBatch = nextWireBatch++;
        List<PageTask> tasks = new ArrayList<>(work.size());
        for (Pending p : work) {
            outstanding.get(target - 1).put(new Key(wireBatch, p.task().url()), p);
            tasks.add(p.task());
        }
        return new Assignment(target, wireBatch, List.copyOf(tasks));
    }

    /**
     * Work left by a dead worker, split into one wire batch per live worker (fewer if there is
     * less work), each to the least-loaded worker at that moment, so one survivor is not swamped.
     * Empty if no worker is live; then nothing is recorded.
     */
    List<Assignment> spread(List<Pending> work) {
        return place(work, live.length);
    }

    private List<Assignment> place(List<Pending> work, int maxChunks) {
        List<Integer> liveIds = new ArrayList<>();
        for (int i = 0; i < live.length; i++) {
            if (live[i]) {
                liveIds.add(i + 1);
            }
        }
        List<Assignment> assignments = new ArrayList<>();
        if (liveIds.isEmpty() || work.isEmpty()) {
            return assignments;
        }
        int chunks = Math.min(Math.min(maxChunks, liveIds.size()), work.size());
        int from = 0;
        for (int c = 0; c < chunks; c++) {
            int to = from + (work.size() - from) / (chunks - c);
            int target = liveIds.stream().min(Comparator.comparingInt(this::outstanding)).orElseThrow();
            assignments.add(record(target, work.subList(from, to)));
            from = to;
        }
        return assignments;
    }

    /** The worker began on the URL; from now on its death counts against the URL. */
    void started(int workerId, long wireBatch, String url) {
        outstanding.get(workerId - 1).computeIfPresent(new Key(wireBatch, url),
                (k, p) -> new Pending(p.task(), p.attempts(), true));
    }

    /**
     * The worker reported the URL. True exactly once per assigned URL; false for a URL the worker
     * does not hold (already reported, or never its own), which must then be dropped.
     */
    boolean complete(int workerId, long wireBatch, String url) {
        return outstanding.get(workerId - 1).remove(new Key(wireBatch, url)) != null;
    }

    /**
     * The worker is gone: it is marked not live, and everything it held leaves the ledger, split
     * into URLs to retry (attempts updated) and URLs that reached the attempt limit.
     *
     * @param blameUrls false when the death is known not to be the URLs' doing (we killed the
     *                  worker ourselves, for chaos testing): then no URL is charged an attempt
     */
    Leftovers died(int workerId, boolean blameUrls) {
        setLive(workerId, false);
        Map<Key, Pending> held = outstanding.set(workerId - 1, new HashMap<>());
        List<Pending> retry = new ArrayList<>();
        List<Pending> exhausted = new ArrayList<>();
        for (Pending p : held.values()) {
            Pending next = new Pending(p.task(), p.running() && blameUrls ? p.attempts() + 1 : p.attempts(), false);
            (next.attempts() >= maxAttempts ? exhausted : retry).add(next);
        }
        return new Leftovers(retry, exhausted);
    }

    /**
     * The worker dropped the URL when asked to (a cancel): it leaves the ledger without a result
     * and without being charged an attempt. Returns its task, or null if the worker does not hold it.
     */
    PageTask release(int workerId, long wireBatch, String url) {
        Pending p = outstanding.get(workerId - 1).remove(new Key(wireBatch, url));
        return p == null ? null : p.task();
    }

    /** Whether the worker still holds the URL of that wire batch. */
    boolean holds(int workerId, long wireBatch, String url) {
        return outstanding.get(workerId - 1).containsKey(new Key(wireBatch, url));
    }

    /** Where each of these URLs is held (URLs no worker holds are left out). */
    List<Held> held(Collection<String> urls) {
        Set<String> wanted = new HashSet<>(urls);
        List<Held> out = new ArrayList<>();
        for (int i = 0; i < outstanding.size(); i++) {
            for (Key k : outstanding.get(i).keySet()) {
                if (wanted.contains(k.url())) {
                    out.add(new Held(i + 1, k.wireBatch(), k.url()));
                }
            }
        }
        return out;
    }

    /** Which worker holds each of these URLs (URLs no worker holds are left out). */
    Map<String, Integer> holders(Collection<String> urls) {
        Set<String> wanted = new HashSet<>(urls);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < outstanding.size(); i++) {
            for (Key k : outstanding.get(i).keySet()) {
                if (wanted.contains(k.url())) {
                    out.put(k.url(), i + 1);
                }
            }
        }
        return out;
    }

    /** The live worker holding the most outstanding URLs, or 0 if none holds any. */
    int busiest() {
        int best = 0;
        int most = 0;
        for (int i = 0; i < live.length; i++) {
            int n = outstanding.get(i).size();
            if (live[i] && n > most) {
                most = n;
                best = i + 1;
            }
        }
        return best;
    }
}
