package crawler.frontier;

import crawler.page.PageError;
import crawler.url.UrlNormalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admitting half of the {@link Frontier}: decides what becomes of each URL offered (scope,
 * depth limit, trap guard, budgets, robots.txt), queues the ones that pass, and keeps depths exact
 * by passing a shorter depth on through pages already done (see the {@link Frontier} class
 * comment). Counts how every offer ends, for the summary.
 *
 * <p>A little over 300 lines, on purpose: admission and the passing on of shorter depths call each
 * other (a shorter depth re-admits a URL first seen too deep; admitting reaches entries whose depth
 * gets shorter), so splitting them would only pass the same state back and forth.
 *
 * <p>Not thread-safe: confined to the coordinator thread, like the frontier that owns it.
 */
final class Intake {

    private final FrontierLimits limits;
    private final Scope scope;
    private final TrapGuard trapGuard;
    private final RobotsGate robots;
    private final Politeness politeness;
    private final UrlTable table;
    private final DepthQueues queues;
    private final RobotsWait robotsWait = new RobotsWait();
    /** Pages done whose depth just got shorter: their links are to be offered again. */
    private final ArrayDeque<UrlNode> shortened = new ArrayDeque<>();
    private final Map<String, Long> admittedPerHost = new HashMap<>();
    private final Set<String> hostsWithDelayKnown = new HashSet<>();
    private final Map<Admission, Long> admissions = new EnumMap<>(Admission.class);
    /** URLs queued only to be answered with their robots.txt error, never requested; forgotten once answered. */
    private final Map<String, PageError> unreachable = new HashMap<>();
    private JournalLinks journalLinks = JournalLinks.NONE;
    private long admitted;

    Intake(FrontierLimits limits, Scope scope, TrapGuard trapGuard, RobotsGate robots, Politeness politeness,
           UrlTable table, DepthQueues queues) {
        this.limits = limits;
        this.scope = scope;
        this.trapGuard = trapGuard;
        this.robots = robots;
        this.politeness = politeness;
        this.table = table;
        this.queues = queues;
    }

    RobotsWait robotsWait() {
        return robotsWait;
    }

    /** See {@link Frontier#robotsArrived}. */
    void robotsArrived(String hostKey) {
        List<UrlNode> held = robotsWait.release(hostKey);
        if (held == null) {
            return;
        }
        for (UrlNode node : held) {
            Admission refusal = refusal(node.url, hostKey);
            if (refusal == Admission.AWAITING_ROBOTS) { // the gate forgot; hold it again rather than lose it
                robotsWait.hold(node, hostKey);
                continue;
            }
            if (refusal != null) {
                table.remove(node.fingerprint); // nothing kept for a refused URL, as at any admission
                count(refusal);
                continue;
            }
            count(enqueue(node, node.fingerprint, node.url, hostKey, node.depth));
        }
        offerLinksOfShortenedPages();
    }

    void readJournaledLinksFrom(JournalLinks source) {
        this.journalLinks = source;
    }

    /** See {@link Frontier#countJournaled}. */
    void countJournaled(long pages, Map<String, Long> perHost) {
        admitted += pages;
        perHost.forEach((host, n) -> admittedPerHost.merge(host, n, Long::sum));
    }

    /** See {@link Frontier#offerJournaledLinks}. */
    void offerJournaledLinks(long fingerprint, int journaledDepth, List<String> links) {
        int depth = journaledDepth;
        if (table.keepsLinks()) {
            UrlNode node = table.get(fingerprint);
            if (node == null || node.state != UrlNode.State.DONE) {
                return;
            }
            depth = node.depth;
        } else if (!table.doneWithoutEntry(fingerprint)) {
            return;
        }
        offerLinks(depth + 1, links, null);
        offerLinksOfShortenedPages();
    }

    /** See {@link Frontier#offer}. */
    Admission offer(String url, int depth) {
        Admission a = admit(url, depth);
        count(a);
        offerLinksOfShortenedPages();
        return a;
    }

    /**
     * Offers the links of a page just done one level below its (shortest known) depth; see
     * {@link Frontier#completed(crawler.page.PageTask, List)}.
     *
     * @return the links kept: valid and in scope, in the page's order
     */
    List<String> offerLinksOf(UrlNode page, List<String> links) {
        List<String> kept = new ArrayList<>(Math.min(links.size(), 1024));
        UrlNode[] linkNodes = offerLinks(page.depth + 1, links, kept);
        if (table.keepsLinks() && page.depth > 0 && linkNodes.length > 0) {
            page.links = linkNodes;
        }
        offerLinksOfShortenedPages();
        return kept;
    }

    /** True for a URL queued only to be answered with its robots.txt error. */
    boolean isUnreachable(String url) {
        return unreachable.containsKey(url);
    }

    /** The robots.txt error a handed-out URL is to be answered with; null for a URL to fetch. */
    PageError unreachableError(String url) {
        return unreachable.get(url);
    }

    /** Forgets the URL's robots.txt error once answered; false if it had none (it was requested). */
    boolean answeredUnreachable(String url) {
        return unreachable.remove(url) != null;
    }

    Map<Admission, Long> admissionCounts() {
        return Map.copyOf(admissions);
    }

    private Admission admit(String url, int depth) {
        String host = UrlNormalizer.hostKeyOrNull(url);
        return host == null ? Admission.INVALID_URL : admit(url, host, depth);
    }

    /** {@link #admit(String, int)} for a URL with a host key. */
    private Admission admit(String url, String host, int depth) {
        long fingerprint = UrlFingerprint.of(url);
        UrlNode node = table.get(fingerprint);
        if (node == null && table.doneWithoutEntry(fingerprint)) {
            return Admission.ALREADY_SEEN; // done, in a crawl where a shorter depth changes nothing
        }
        if (node != null && node.state != UrlNode.State.TOO_DEEP) {
            return reach(node, depth);
        }
        if (depth > limits.maxDepth()) {
            // Kept, so a page's links can name it; checked in full only if it comes closer.
            if (node == null) {
                table.put(new UrlNode(fingerprint, url, depth, UrlNode.State.TOO_DEEP));
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
                table.put(node);
            }
            node.depth = depth;
            robotsWait.hold(node, host);
            return refusal;
        }
        if (refusal != null) {
            // Nothing kept: every refusal is a function of the URL and of per-host state the
            // gates hold themselves, so a URL offered again is refused again at no cost in memory.
            return refusal;
        }
        return enqueue(node, fingerprint, url, host, depth);
    }

    /** Queues a URL that passed every check. */
    private Admission enqueue(UrlNode node, long fingerprint, String url, String host, int depth) {
        if (node == null) {
            node = new UrlNode(fingerprint, url, depth, UrlNode.State.QUEUED);
            table.put(node);
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
        if (!robots.ready(url, robotsWait.notifier(host))) {
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
     * Offers a page's links at {@code depth}, up to the per-page limit; returns the entries the
     * offered links have (for a depth-limited crawl to keep) and adds the valid in-scope links to
     * {@code kept} when it is not null.
     */
    private UrlNode[] offerLinks(int depth, List<String> links, List<String> kept) {
        int limit = limits.maxLinksPerPage() == 0 ? links.size() : Math.min(links.size(), limits.maxLinksPerPage());
        if (limit < links.size()) {
            admissions.merge(Admission.OVER_LINK_LIMIT, (long) (links.size() - limit), Long::sum);
        }
        List<UrlNode> linkNodes = table.keepsLinks() ? new ArrayList<>(limit) : null;
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
                UrlNode linked = table.get(UrlFingerprint.of(link));
                if (linked != null) {
                    linkNodes.add(linked);
                }
            }
        }
        return linkNodes == null ? new UrlNode[0] : linkNodes.toArray(UrlNode[]::new);
    }

    private void count(Admission a) {
        if (a == Admission.AWAITING_ROBOTS) {
            return; // counted the way it ends, when its host's robots.txt arrives
        }
        admissions.merge(a, 1L, Long::sum);
    }
}
