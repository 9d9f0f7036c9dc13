package crawler.frontier;

import crawler.page.PageError;
import crawler.page.PageTask;
import crawler.url.UrlNormalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The crawl's queue of URLs: breadth-first by depth, each URL admitted at most once, scope,
 * trap guards, robots.txt and budgets applied before a URL is queued, per-host politeness applied
 * when URLs are handed out.
 *
 * <p>Levels are synchronous: no URL of depth d+1 is handed out while a URL of depth d is queued
 * or in flight. That makes every URL's recorded depth its true shortest link distance, so a
 * depth-limited crawl finds exactly the same URL set whatever the completion order, in every
 * mode. The cost is the tail of each level, which the ideal time of DESIGN.md also assumes.
 *
 * <p>Not thread-safe: confined to the coordinator thread, the same object for every mode.
 */
public final class Frontier {

    private final FrontierLimits limits;
    private final Scope scope;
    private final TrapGuard trapGuard;
    private final RobotsGate robots;
    private final Politeness politeness;
    private final PrivateAddressGate privateAddresses; // null: --deny-private off

    private final Set<String> seen = new HashSet<>();
    private final TreeMap<Integer, Level> levels = new TreeMap<>();
    private final Map<String, Long> admittedPerHost = new HashMap<>();
    private final Set<String> hostsWithDelayKnown = new HashSet<>();
    private final Map<Admission, Long> admissions = new EnumMap<>(Admission.class);
    private final Set<String> journaled = new HashSet<>();
    /** URLs queued only to be answered with their robots.txt error, never requested. */
    private final Map<String, PageError> unreachable = new HashMap<>();
    private long admitted;

    public Frontier(FrontierLimits limits, Scope scope, TrapGuard trapGuard, RobotsGate robots, Politeness politeness) {
        this(limits, scope, trapGuard, robots, politeness, null);
    }

    /**
     * @param privateAddresses refuses in-scope URLs on non-public addresses ({@code --deny-private});
     *                         null lets them through
     */
    public Frontier(FrontierLimits limits, Scope scope, TrapGuard trapGuard, RobotsGate robots, Politeness politeness,
            PrivateAddressGate privateAddresses) {
        this.privateAddresses = privateAddresses;
        this.limits = limits;
        this.scope = scope;
        this.trapGuard = trapGuard;
        this.robots = robots;
        this.politeness = politeness;
    }

    /**
     * Names URLs whose results a resumed crawl already holds. They go through the frontier like
     * any other URL, so the crawl retraces the same breadth-first levels and finds the same URLs
     * at the same depths, but they are handed out without waiting for politeness, since no
     * request will be made for them. Call before offering anything.
     */
    public void markJournaled(java.util.Collection<String> urls) {
        journaled.addAll(urls);
    }

    /** Offers a normalised URL found at {@code depth}; returns what became of it. */
    public Admission offer(String url, int depth) {
        Admission a = admit(url, depth);
        admissions.merge(a, 1L, Long::sum);
        return a;
    }

    private Admission admit(String url, int depth) {
        if (seen.contains(url)) {
            return Admission.ALREADY_SEEN;
        }
        if (depth > limits.maxDepth()) {
            // Not marked seen: the URL may still turn up at a smaller depth from another page.
            return Admission.TOO_DEEP;
        }
        seen.add(url);
        if (!scope.contains(url)) {
            return Admission.OUT_OF_SCOPE;
        }
        // After scope, so only URLs the crawl would fetch cost a lookup.
        if (privateAddresses != null && privateAddresses.denies(url)) {
            return Admission.DENIED_PRIVATE;
        }
        if (trapGuard.rejectionReason(url) != null) {
            return Admission.TRAP;
        }
        if (limits.maxPages() > 0 && admitted >= limits.maxPages()) {
            return Admission.PAGE_LIMIT_REACHED;
        }
        String host = UrlNormalizer.hostKey(url);
        if (limits.hostPageBudget() > 0 && admittedPerHost.getOrDefault(host, 0L) >= limits.hostPageBudget()) {
            return Admission.HOST_BUDGET_SPENT;
        }
        if (!robots.allows(url)) {
            PageError why = robots.unreachable(url);
            if (why == null) {
                return Admission.ROBOTS_DISALLOWED;
            }
            unreachable.put(url, why);
        } else if (hostsWithDelayKnown.add(host)) {
            politeness.crawlDelay(host, robots.crawlDelayMillis(url));
        }
        admitted++;
        admittedPerHost.merge(host, 1L, Long::sum);
        levels.computeIfAbsent(depth, d -> new Level()).enqueue(host, new PageTask(url, depth));
        return unreachable.containsKey(url) ? Admission.ROBOTS_UNREACHABLE : Admission.QUEUED;
    }

    /**
     * Hands out up to {@code max} URLs of the current level whose hosts' politeness allows a
     * request now. Each must later be returned through {@link #completed}.
     */
    public List<PageTask> take(int max) {
        List<PageTask> out = new ArrayList<>(Math.min(max, 256));
        Level level = currentLevel();
        if (level == null || max <= 0) {
            return out;
        }
        level.takeReady(max, politeness, this::needsNoRequest, out);
        return out;
    }

    /**
     * The error a handed-out URL must be answered with instead of a request, because its host's
     * robots.txt could not be read; null for a URL to fetch (or to replay from the journal).
     */
    public PageError unreachableError(String url) {
        return unreachable.get(url);
    }

    /** Journaled and robots-unreachable URLs are answered without a request, so politeness does not apply. */
    private boolean needsNoRequest(String url) {
        return journaled.contains(url) || unreachable.containsKey(url);
    }

    /** Returns a handed-out URL: its result has been recorded. */
    public void completed(PageTask task) {
        if (!needsNoRequest(task.url())) {
            politeness.release(UrlNormalizer.hostKey(task.url()));
        }
        Level level = levels.get(task.depth());
        if (level == null || level.inFlight == 0) {
            throw new IllegalStateException("completed a task that was not handed out: " + task);
        }
        level.inFlight--;
        if (level.isEmpty()) {
            levels.remove(task.depth());
        }
    }

    /** True when nothing is queued and nothing is in flight. */
    public boolean exhausted() {
        return levels.isEmpty();
    }

    /** URLs handed out and not yet completed. */
    public int inFlight() {
        int n = 0;
        for (Level l : levels.values()) {
            n += l.inFlight;
        }
        return n;
    }

    /** URLs queued and not yet handed out, over all levels. */
    public long queued() {
        long n = 0;
        for (Level l : levels.values()) {
            n += l.queued;
        }
        return n;
    }

    /** The current depth, or -1 when exhausted. */
    public int currentDepth() {
        return levels.isEmpty() ? -1 : levels.firstKey();
    }

    /**
     * Nanoseconds until politeness lets some queued URL of the current level go; 0 if one could
     * go now, {@code Long.MAX_VALUE} if only a completion can help (nothing queued, or every host
     * with queued URLs at its in-flight limit).
     */
    public long nanosUntilNextReady() {
        Level level = currentLevel();
        return level == null ? Long.MAX_VALUE : level.nanosUntilReady(politeness);
    }

    /** How many offers ended each way, for the summary. */
    public Map<Admission, Long> admissionCounts() {
        return Map.copyOf(admissions);
    }

    private Level currentLevel() {
        Map.Entry<Integer, Level> first = levels.firstEntry();
        return first == null ? null : first.getValue();
    }

    /** One depth's queues, per host so that one slow host cannot hold back the others. */
    private static final class Level {
        final LinkedHashMap<String, ArrayDeque<PageTask>> byHost = new LinkedHashMap<>();
        long queued;
        int inFlight;

        void enqueue(String host, PageTask task) {
            byHost.computeIfAbsent(host, h -> new ArrayDeque<>()).add(task);
            queued++;
        }

        void takeReady(int max, Politeness politeness, Predicate<String> noRequest, List<PageTask> out) {
            // Round-robin: one URL per host per pass, so hosts share the batch fairly.
            boolean progress = true;
            while (out.size() < max && progress) {
                progress = false;
                Iterator<Map.Entry<String, ArrayDeque<PageTask>>> it = byHost.entrySet().iterator();
                while (it.hasNext() && out.size() < max) {
                    Map.Entry<String, ArrayDeque<PageTask>> e = it.next();
                    if (!noRequest.test(e.getValue().peek().url()) && !politeness.tryAcquire(e.getKey())) {
                        continue;
                    }
                    out.add(e.getValue().poll());
                    queued--;
                    inFlight++;
                    progress = true;
                    if (e.getValue().isEmpty()) {
                        it.remove();
                    }
                }
            }
        }

        long nanosUntilReady(Politeness politeness) {
            long best = Long.MAX_VALUE;
            for (String host : byHost.keySet()) {
                best = Math.min(best, politeness.nanosUntilReady(host));
            }
            return best;
        }

        boolean isEmpty() {
            return queued == 0 && inFlight == 0;
        }
    }
}
