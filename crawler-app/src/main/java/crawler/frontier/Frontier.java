package crawler.frontier;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import crawler.page.PageError;
import crawler.page.PageTask;
import crawler.url.UrlNormalizer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * <p>Memory (docs/memory.md): URLs are remembered by their 64-bit {@link UrlFingerprint}. A URL's
 * text is held only while it is queued or in flight (and, in a depth-limited crawl, while it lies
 * just beyond the limit); when the depth is unlimited a done URL costs one {@code long} in an
 * open-addressing set. A URL refused before admission (out of scope, trap, robots.txt, budgets,
 * {@code --deny-private}) leaves nothing behind, and a page's links past {@code maxLinksPerPage}
 * are not looked at.
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

    /**
     * Entries by fingerprint: URLs queued or in flight, and in a depth-limited crawl also those
     * done and those seen beyond the limit.
     */
    private final LongObjectHashMap<UrlNode> nodes = new LongObjectHashMap<>();
    /** Fingerprints of URLs done whose entries were dropped (depth unlimited: nothing more is needed of them). */
    private final LongHashSet done = new LongHashSet();
    private final DepthQueues queues = new DepthQueues();
    /** Pages done whose depth just got shorter: their links are to be offered again. */
    private final ArrayDeque<UrlNode> shortened = new ArrayDeque<>();
    private final Map<String, Long> admittedPerHost = new HashMap<>();
    private final Set<String> hostsWithDelayKnown = new HashSet<>();
    private final Map<Admission, Long> admissions = new EnumMap<>(Admission.class);
    /** URLs queued only to be answered with their robots.txt error, never requested; forgotten once answered. */
    private final Map<String, PageError> unreachable = new HashMap<>();
    /** URLs held until their host's robots.txt is known, by host key. */
    private final Map<String, List<UrlNode>> awaitingRobots = new HashMap<>();
    private long awaiting;
    /** Told the host key when a host's robots.txt becomes known; see {@link #whenRobotsArrive}. */
    private Consumer<String> robotsArrived = host -> { };
    private JournalLinks journalLinks = JournalLinks.NONE;
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
                nodes.remove(node.fingerprint); // nothing kept for a refused URL, as at any admission
                count(refusal);
                continue;
            }
            count(enqueue(node, node.fingerprint, node.url, hostKey, node.depth));
        }
        offerLinksOfShortenedPages();
    }

    /**
     * Where a resumed depth-limited crawl reads back the links of pages done in an earlier run,
     * should one of them turn up at a shorter distance. Call before {@link #markDone}.
     */
    public void readJournaledLinksFrom(JournalLinks source) {
        this.journalLinks = source;
    }

    /**
     * Records a page an earlier run of the crawl finished, at its shortest known depth: it is
     * never handed out, and counts as seen. Call before offering anything.
     */
    public void markDone(long fingerprint, int depth) {
        if (!keepLinks) {
            done.add(fingerprint);
            return;
        }
        UrlNode node = nodes.get(fingerprint);
        if (node == null) {
            node = new UrlNode(fingerprint, null, depth, UrlNode.State.DONE);
            node.journaled = true;
            nodes.put(fingerprint, node);
        } else {
            node.depth = Math.min(node.depth, depth);
        }
    }

    /** {@link #markDone(long, int)} for pages of a crawl without a depth limit, where depth does not matter. */
    public void markDone(LongHashSet fingerprints) {
        if (keepLinks) {
            throw new IllegalStateException("a depth-limited crawl needs each journaled page's depth");
        }
        done.addAll(fingerprints);
    }

    /**
     * Counts pages an earlier run of the crawl admitted against {@code --max-pages} and the
     * per-host budget, as that run did.
     */
    public void countJournaled(long pages, Map<String, Long> perHost) {
        admitted += pages;
        perHost.forEach((host, n) -> admittedPerHost.merge(host, n, Long::sum));
    }

    /**
     * Offers the links of a page an earlier run finished, one level below its depth (the
     * shortest known now, in a depth-limited crawl), so that links that run did not get to are
     * found. Links of a page that is not done (a failure to try again) are left alone.
     */
    public void offerJournaledLinks(long fingerprint, int journaledDepth, List<String> links) {
        int depth = journaledDepth;
        if (keepLinks) {
            UrlNode node = nodes.get(fingerprint);
            if (node == null || node.state != UrlNode.State.DONE) {
                return;
            }
            depth = node.depth;
        } else if (!done.contains(fingerprint)) {
            return;
        }
        offerLinks(depth + 1, links, null);
        offerLinksOfShortenedPages();
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
        long fingerprint = UrlFingerprint.of(url);
        UrlNode node = nodes.get(fingerprint);
        if (node == null && done.contains(fingerprint)) {
            return Admission.ALREADY_SEEN; // done, in a crawl where a shorter depth changes nothing
        }
        if (node != null && node.state != UrlNode.State.TOO_DEEP) {
            return reach(node, depth);
        }
        if (depth > limits.maxDepth()) {
            // Kept, so a page's links can name it; checked in full only if it comes closer.
            if (node == null) {
                nodes.put(fingerprint, new UrlNode(fingerprint, url, depth, UrlNode.State.TOO_DEEP));
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
                node = new UrlNode(fingerprint, url, depth, UrlNode.State.AWAITING_ROBOTS);
                nodes.put(fingerprint, node);
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
        return enqueue(node, fingerprint, url, host, depth);
    }

    /** Keeps a URL aside until its host's robots.txt is known. */
    private void hold(UrlNode node, String host) {
        node.state = UrlNode.State.AWAITING_ROBOTS;
        awaitingRobots.computeIfAbsent(host, h -> new ArrayList<>()).add(node);
        awaiting++;
    }

    /** Queues a URL that passed every check. */
    private Admission enqueue(UrlNode node, long fingerprint, String url, String host, int depth) {
        if (node == null) {
            node = new UrlNode(fingerprint, url, depth, UrlNode.State.QUEUED);
            nodes.put(fingerprint, node);
        }
        node.depth = depth;
        admitted++;
        admittedPerHost.merge(host, 1L, Long::sum);
        node.host = host;
        node.state = UrlNode.State.QUEUED;
        queues.add(node);
        return unreachable.containsKey(url) ? Admission.ROBOTS_UNREACHABLE : Admission.QUEUED;
    }

    /** A URL with a live entry (queued, in flight or done) found again at {@code depth}. */
    private Admission reach(UrlNode node, int depth) {
        if (depth >= node.depth) {
            return Admission.ALREADY_SEEN;
        }
        shorten(node, depth);
        return Admission.SHORTER_PATH;
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
                if (node.links != null || node.journaled) {
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
            if (page.journaled) {
                // Its links live in the journal only; read them once, then keep them like any page's.
                page.journaled = false;
                UrlNode[] links = offerLinks(page.depth + 1, journalLinks.linksOf(page.fingerprint), null);
                page.links = links.length == 0 ? null : links;
                continue;
            }
            for (UrlNode link : page.links) {
                Admission a = link.state == UrlNode.State.TOO_DEEP ? admit(link.url, page.depth + 1)
                        : reach(link, page.depth + 1);
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
        queues.takeReady(max, n -> unreachable.containsKey(n.url) || politeness.tryAcquire(n.host), taken);
        for (UrlNode n : taken) {
            n.state = UrlNode.State.IN_FLIGHT;
            inFlight++;
            out.add(new PageTask(n.url, n.depth));
        }
        return out;
    }

    /**
     * The error a handed-out URL must be answered with instead of a request, because its host's
     * robots.txt could not be read; null for a URL to fetch.
     */
    public PageError unreachableError(String url) {
        return unreachable.get(url);
    }

    /** Returns a handed-out URL whose result has no links to follow. */
    public void completed(PageTask task) {
        completed(task, List.of());
    }

    /**
     * Returns a handed-out URL with the links its page holds: each valid, in-scope link among the
     * first {@code maxLinksPerPage} is offered one level below the URL's depth (its shortest known
     * depth, which may be shorter than the task's by now). Read the URL's depth with
     * {@link #depthOf} before this call: a done URL may be forgotten.
     *
     * @return the links kept: valid and in scope, in the page's order, for the result line
     */
    public List<String> completed(PageTask task, List<String> links) {
        UrlNode node = nodes.get(UrlFingerprint.of(task.url()));
        if (node == null || node.state != UrlNode.State.IN_FLIGHT) {
            throw new IllegalStateException("completed a task that was not handed out: " + task);
        }
        if (unreachable.remove(task.url()) == null) {
            politeness.release(node.host);
        }
        inFlight--;
        node.state = UrlNode.State.DONE;
        node.url = null;
        node.host = null;
        if (!keepLinks) {
            // Nothing more is needed of it than that it was seen: a fingerprint, not an entry.
            nodes.remove(node.fingerprint);
            done.add(node.fingerprint);
        }
        List<String> kept = new ArrayList<>(Math.min(links.size(), 1024));
        UrlNode[] linkNodes = offerLinks(node.depth + 1, links, kept);
        if (keepLinks && node.depth > 0 && linkNodes.length > 0) {
            node.links = linkNodes;
        }
        offerLinksOfShortenedPages();
        return kept;
    }

    /**
     * Offers a page's links at {@code depth}, up to the per-page limit; returns the entries the
     * offered links have (for a depth-limited crawl to keep) and adds the valid in-scope links to
     * {@code kept} when it is not null.
     */
    private UrlNode[] offerLinks(int depth, List<String> links, List<String> kept) {
        int limit = limits.maxLinksPerPage() == 0 ? links.size() : Math.min(links.size(), limits.maxLinksPerPage());
        if (limit < links.size()) {
            admissions.merge(Admission.OVER_LINK_LIMIT, (long) (links.size() - limit), Long::sum);
        }
        List<UrlNode> linkNodes = keepLinks ? new ArrayList<>(limit) : null;
        for (int i = 0; i < limit; i++) {
            String link = links.get(i);
            String host = UrlNormalizer.hostKeyOrNull(link);
            if (host == null) {
                count(Admission.INVALID_URL);
                continue;
            }
            if (!scope.contains(link, host)) {
                continue; // not the frontier's to count: the result line drops it, as it always did
            }
            if (kept != null) {
                kept.add(link);
            }
            count(admit(link, host, depth));
            if (linkNodes != null) {
                UrlNode linked = nodes.get(UrlFingerprint.of(link));
                if (linked != null) {
                    linkNodes.add(linked);
                }
            }
        }
        return linkNodes == null ? new UrlNode[0] : linkNodes.toArray(UrlNode[]::new);
    }

    /** The shortest known link distance of a URL the frontier holds an entry for; -1 if it holds none. */
    public int depthOf(String url) {
        UrlNode node = nodes.get(UrlFingerprint.of(url));
        return node == null ? -1 : node.depth;
    }

    /** URLs the frontier holds an entry for (not counting done URLs kept only as fingerprints). */
    public int urlsTracked() {
        return nodes.size();
    }

    /** URLs the frontier remembers in any form: entries plus fingerprints of done URLs. */
    public long urlsRemembered() {
        return (long) nodes.size() + done.size();
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

    /** The least time between request starts on the host, robots.txt Crawl-delay included. */
    public Duration startGap(String hostKey) {
        return politeness.startGap(hostKey);
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
