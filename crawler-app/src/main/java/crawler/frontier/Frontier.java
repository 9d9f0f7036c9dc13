package crawler.frontier;

import crawler.page.PageError;
import crawler.page.PageTask;
import crawler.url.UrlNormalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The crawl's queue of URLs: each URL admitted at most once, scope, trap guards, robots.txt and
 * budgets applied before a URL is queued, per-host politeness applied when URLs are handed out.
 *
 * <p>No barrier between depths: every admitted URL goes out as soon as politeness allows,
 * lowest depth first, so one slow page never holds the rest of the crawl back. Depth stays exact
 * all the same: when a URL turns up at a shorter distance than the one it was admitted at, it
 * takes the shorter one; if it is still queued it moves up the queue, if it is in flight its
 * links go out at the shorter depth, and if it is done the links its page held are offered
 * again one level below it (never fetching it again). So {@code maxDepth} D yields exactly the
 * URLs within D links of the seeds, whatever order the results come back in. To do that for a
 * depth-limited crawl the frontier keeps, for each page done, references to its links' entries
 * (a few bytes per link); it keeps none when the depth is unlimited.
 *
 * <p>Nothing a page holds can throw out of here: a link with no usable host (such as port 0) is
 * dropped and counted as {@link Admission#INVALID_URL}.
 *
 * <p>Not thread-safe: confined to the coordinator thread, the same object for every mode.
 */
public final class Frontier {

    private final FrontierLimits limits;
    private final Scope scope;
    private final TrapGuard trapGuard;
    private final RobotsGate robots;
    private final Politeness politeness;
    private final boolean keepLinks;

    /** Every URL admitted (and, in a depth-limited crawl, every one seen beyond the limit), by its normalised form. */
    private final Map<String, UrlNode> nodes = new HashMap<>();
    private final DepthQueues queues = new DepthQueues();
    /** Pages done whose depth just got shorter: their links are to be offered again. */
    private final ArrayDeque<UrlNode> shortened = new ArrayDeque<>();
    private final Map<String, Long> admittedPerHost = new HashMap<>();
    private final Set<String> hostsWithDelayKnown = new HashSet<>();
    private final Map<Admission, Long> admissions = new EnumMap<>(Admission.class);
    private final Set<String> journaled = new HashSet<>();
    /** URLs queued only to be answered with their robots.txt error, never requested. */
    private final Map<String, PageError> unreachable = new HashMap<>();
    /** URLs held until their host's robots.txt is known, by host key. */
    private final Map<String, List<UrlNode>> awaitingRobots = new HashMap<>();
    private long awaiting;
    /** Told the host key when a host's robots.txt becomes known; see {@link #whenRobotsArrive}. */
    private Consumer<String> robotsArrived = host -> { };
    private long admitted;
    private int inFlight;

    /**
     * {@code --deny-private} is not the frontier's: it is enforced where each connection is made
     * (crawler.fetch.PrivateAddressGuard), so no lookup ever runs on the coordinator thread.
     */
    public Frontier(FrontierLimits limits, Scope scope, TrapGuard trapGuard, RobotsGate robots, Politeness politeness) {
        this.limits = limits;
        this.scope = scope;
        this.trapGuard = trapGuard;
        this.robots = robots;
        this.politeness = politeness;
        this.keepLinks = limits.maxDepth() != FrontierLimits.UNLIMITED_DEPTH;
    }

    /**
     * Where to say that a host's robots.txt became known, so that {@link #robotsArrived} is called
     * for it on the frontier's own thread: the coordinator passes a hand-off to its inbox. Until
     * then, and for a gate that answers at once, URLs are never held.
     */
    public void whenRobotsArrive(Consumer<String> listener) {
        this.robotsArrived = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Admits (or refuses) the URLs held for {@code hostKey}'s robots.txt, now known: each as if it
     * were offered now at its shortest known depth, and counted the way it ends.
     */
    public void robotsArrived(String hostKey) {
        List<UrlNode> held = awaitingRobots.remove(hostKey);
        if (held == null) {
            return;
        }
        for (UrlNode node : held) {
            awaiting--;
            Admission refusal = refusal(node.url, hostKey);
            if (refusal == Admission.AWAITING_ROBOTS) { // the gate forgot; hold it again rather than lose it
                hold(node, hostKey);
                continue;
            }
            if (refusal != null) {
                nodes.remove(node.url); // nothing kept for a refused URL, as at any admission
                count(refusal);
                continue;
            }
            count(enqueue(node, node.url, hostKey, node.depth));
        }
        offerLinksOfShortenedPages();
    }

    /**
     * Names URLs whose results a resumed crawl already holds. They go through the frontier like
     * any other URL, so the crawl finds the same URLs at the same depths, but they are handed out
     * without waiting for politeness, since no request will be made for them. Call before
     * offering anything.
     */
    public void markJournaled(Collection<String> urls) {
        journaled.addAll(urls);
    }

    /** Offers a normalised URL found at {@code depth}; returns what became of it. */
    public Admission offer(String url, int depth) {
        Admission a = admit(url, depth);
        count(a);
        offerLinksOfShortenedPages();
        return a;
    }

    private Admission admit(String url, int depth) {
        String host = UrlNormalizer.hostKeyOrNull(url);
        return host == null ? Admission.INVALID_URL : admit(url, host, depth);
    }

    /** {@link #admit(String, int)} for a URL with a host key. */
    private Admission admit(String url, String host, int depth) {
        UrlNode node = nodes.get(url);
        if (node != null && node.state != UrlNode.State.TOO_DEEP) {
            if (depth >= node.depth) {
                return Admission.ALREADY_SEEN;
            }
            shorten(node, depth);
            return Admission.SHORTER_PATH;
        }
        if (depth > limits.maxDepth()) {
            // Kept, so a page's links can name it; checked in full only if it comes closer.
            if (node == null) {
                nodes.put(url, new UrlNode(url, depth, UrlNode.State.TOO_DEEP));
            } else {
                node.depth = Math.min(node.depth, depth);
            }
            return Admission.TOO_DEEP;
        }
        if (!scope.contains(url, host)) {
            return Admission.OUT_OF_SCOPE; // nothing kept: scope is a pure function of the text
        }
        Admission refusal = refusal(url, host);
        if (refusal == Admission.AWAITING_ROBOTS) {
            if (node == null) {
                node = new UrlNode(url, depth, UrlNode.State.AWAITING_ROBOTS);
                nodes.put(url, node);
            }
            node.depth = depth;
            hold(node, host);
            return refusal;
        }
        if (refusal != null) {
            // Nothing kept: every refusal is a function of the URL and of per-host state the
            // gates hold themselves, so a URL offered again is refused again at no cost in memory.
            return refusal;
        }
        return enqueue(node, url, host, depth);
    }

    /** Keeps a URL aside until its host's robots.txt is known. */
    private void hold(UrlNode node, String host) {
        node.state = UrlNode.State.AWAITING_ROBOTS;
        awaitingRobots.computeIfAbsent(host, h -> new ArrayList<>()).add(node);
        awaiting++;
    }

    /** Queues a URL that passed every check. */
    private Admission enqueue(UrlNode node, String url, String host, int depth) {
        if (node == null) {
            node = new UrlNode(url, depth, UrlNode.State.QUEUED);
            nodes.put(url, node);
        }
        node.depth = depth;
        admitted++;
        admittedPerHost.merge(host, 1L, Long::sum);
        node.host = host;
        node.state = UrlNode.State.QUEUED;
        queues.add(node);
        return unreachable.containsKey(url) ? Admission.ROBOTS_UNREACHABLE : Admission.QUEUED;
    }

    /** Why an in-scope URL within the depth limit may not be queued, or null if it may. */
    private Admission refusal(String url, String host) {
        if (trapGuard.rejectionReason(url) != null) {
            return Admission.TRAP;
        }
        if (limits.maxPages() > 0 && admitted >= limits.maxPages()) {
            return Admission.PAGE_LIMIT_REACHED;
        }
        if (limits.hostPageBudget() > 0 && admittedPerHost.getOrDefault(host, 0L) >= limits.hostPageBudget()) {
            return Admission.HOST_BUDGET_SPENT;
        }
        if (!robots.ready(url, () -> robotsArrived.accept(host))) {
            // robots.txt is being read elsewhere; the URL waits, and the coordinator goes on.
            return Admission.AWAITING_ROBOTS;
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
        return null;
    }

    /** Gives a URL seen before a shorter depth, wherever it stands. */
    private void shorten(UrlNode node, int depth) {
        switch (node.state) {
            case QUEUED -> {
                queues.remove(node, node.depth);
                node.depth = depth;
                queues.add(node);
            }
            case IN_FLIGHT, AWAITING_ROBOTS -> node.depth = depth; // its links, or it, will go out at the new depth
            case DONE -> {
                node.depth = depth;
                if (node.links != null) {
                    shortened.add(node);
                }
            }
            default -> throw new IllegalStateException("cannot shorten a " + node.state + " URL: " + node.url);
        }
    }

    /** Passes shorter depths on through pages already done, as far as they reach. */
    private void offerLinksOfShortenedPages() {
        UrlNode page;
        while ((page = shortened.poll()) != null) {
            for (UrlNode link : page.links) {
                Admission a = admit(link.url, page.depth + 1);
                if (a != Admission.ALREADY_SEEN) {
                    count(a);
                }
            }
        }
    }

    /**
     * Hands out up to {@code max} queued URLs whose hosts' politeness allows a request now,
     * lowest depth first. Each must later be returned through {@link #completed}.
     */
    public List<PageTask> take(int max) {
        List<PageTask> out = new ArrayList<>(Math.min(Math.max(max, 0), 256));
        if (max <= 0) {
            return out;
        }
        List<UrlNode> taken = new ArrayList<>(Math.min(max, 256));
        queues.takeReady(max, n -> needsNoRequest(n.url) || politeness.tryAcquire(n.host), taken);
        for (UrlNode n : taken) {
            n.state = UrlNode.State.IN_FLIGHT;
            inFlight++;
            out.add(new PageTask(n.url, n.depth));
        }
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

    /** Returns a handed-out URL whose result has no links to follow. */
    public void completed(PageTask task) {
        completed(task, List.of());
    }

    /**
     * Returns a handed-out URL with the links its page holds: each valid, in-scope link is
     * offered one level below the URL's depth (its shortest known depth, which may be shorter
     * than the task's by now).
     *
     * @return the links kept: valid and in scope, in the page's order, for the result line
     */
    public List<String> completed(PageTask task, List<String> links) {
        UrlNode node = nodes.get(task.url());
        if (node == null || node.state != UrlNode.State.IN_FLIGHT) {
            throw new IllegalStateException("completed a task that was not handed out: " + task);
        }
        if (!needsNoRequest(task.url())) {
            politeness.release(node.host);
        }
        inFlight--;
        node.state = UrlNode.State.DONE;
        List<String> kept = new ArrayList<>(links.size());
        List<UrlNode> linkNodes = keepLinks && node.depth > 0 ? new ArrayList<>(links.size()) : null;
        for (String link : links) {
            String host = UrlNormalizer.hostKeyOrNull(link);
            if (host == null) {
                count(Admission.INVALID_URL);
                continue;
            }
            if (!scope.contains(link, host)) {
                continue; // not the frontier's to count: the result line drops it, as it always did
            }
            kept.add(link);
            count(admit(link, host, node.depth + 1));
            UrlNode linked = nodes.get(link);
            if (linkNodes != null && linked != null) {
                linkNodes.add(linked);
            }
        }
        if (linkNodes != null && !linkNodes.isEmpty()) {
            node.links = linkNodes.toArray(UrlNode[]::new);
        }
        offerLinksOfShortenedPages();
        return kept;
    }

    /** The shortest known link distance of a URL the frontier has seen; -1 if it has not. */
    public int depthOf(String url) {
        UrlNode node = nodes.get(url);
        return node == null ? -1 : node.depth;
    }

    /** URLs the frontier holds an entry for: what its memory grows with. */
    public int urlsTracked() {
        return nodes.size();
    }

    /** True when nothing is queued and nothing is in flight. */
    public boolean exhausted() {
        return queues.size() == 0 && inFlight == 0 && awaiting == 0;
    }

    /** URLs held until their host's robots.txt is known. */
    public long awaitingRobots() {
        return awaiting;
    }

    /** URLs handed out and not yet completed. */
    public int inFlight() {
        return inFlight;
    }

    /** URLs queued and not yet handed out, over all depths. */
    public long queued() {
        return queues.size();
    }

    /** The lowest depth with a queued URL, or -1 when nothing is queued. */
    public int currentDepth() {
        return queues.lowestDepth();
    }

    /**
     * Nanoseconds until politeness lets some queued URL go; 0 if one could go now,
     * {@code Long.MAX_VALUE} if only a completion can help (nothing queued, or every host with
     * queued URLs at its in-flight limit).
     */
    public long nanosUntilNextReady() {
        return queues.minOverHosts(politeness::nanosUntilReady);
    }

    /** The per-host limits over the hosts whose URLs wait in the queue now. */
    public Politeness.Pace pace() {
        return politeness.pace(queues.hosts());
    }

    /** How many offers ended each way, for the summary. */
    public Map<Admission, Long> admissionCounts() {
        return Map.copyOf(admissions);
    }

    private void count(Admission a) {
        if (a == Admission.AWAITING_ROBOTS) {
            return; // counted the way it ends, when its host's robots.txt arrives
        }
        admissions.merge(a, 1L, Long::sum);
    }
}
