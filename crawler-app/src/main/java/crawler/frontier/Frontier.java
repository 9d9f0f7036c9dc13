package crawler.frontier;

import com.carrotsearch.hppc.LongHashSet;
import crawler.page.PageError;
import crawler.page.PageTask;
import crawler.url.UrlNormalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * <p>The frontier hands URLs out and takes them back; what becomes of a URL offered is its
 * {@link Intake}'s to decide, and what it remembers of each URL is its {@link UrlTable}'s.
 *
 * <p>Not thread-safe: confined to the coordinator thread, the same object for every mode.
 */
public final class Frontier {

    private final Politeness politeness;
    private final UrlTable table;
    private final DepthQueues queues = new DepthQueues();
    private final Intake intake;
    private int inFlight;

    /**
     * {@code --deny-private} is not the frontier's: it is enforced where each connection is made
     * (crawler.fetch.PrivateAddressGuard), so no lookup ever runs on the coordinator thread.
     */
    public Frontier(FrontierLimits limits, Scope scope, TrapGuard trapGuard, RobotsGate robots, Politeness politeness) {
        this.politeness = politeness;
        this.table = new UrlTable(limits.maxDepth() != FrontierLimits.UNLIMITED_DEPTH);
        this.intake = new Intake(limits, scope, trapGuard, robots, politeness, table, queues);
    }

    /**
     * Where to say that a host's robots.txt became known, so that {@link #robotsArrived} is called
     * for it on the frontier's own thread: the coordinator passes a hand-off to its inbox. Until
     * then, and for a gate that answers at once, URLs are never held.
     */
    public void whenRobotsArrive(Consumer<String> listener) {
        intake.robotsWait().whenArrived(listener);
    }

    /**
     * Admits (or refuses) the URLs held for {@code hostKey}'s robots.txt, now known: each as if it
     * were offered now at its shortest known depth, and counted the way it ends.
     */
    public void robotsArrived(String hostKey) {
        intake.robotsArrived(hostKey);
    }

    /**
     * Where a resumed depth-limited crawl reads back the links of pages done in an earlier run,
     * should one of them turn up at a shorter distance. Call before {@link #markDone}.
     */
    public void readJournaledLinksFrom(JournalLinks source) {
        intake.readJournaledLinksFrom(source);
    }

    /**
     * Records a page an earlier run of the crawl finished, at its shortest known depth: it is
     * never handed out, and counts as seen. Call before offering anything.
     */
    public void markDone(long fingerprint, int depth) {
        table.markDone(fingerprint, depth);
    }

    /** {@link #markDone(long, int)} for pages of a crawl without a depth limit, where depth does not matter. */
    public void markDone(LongHashSet fingerprints) {
        table.markDone(fingerprints);
    }

    /**
     * Counts pages an earlier run of the crawl admitted against {@code --max-pages} and the
     * per-host budget, as that run did.
     */
    public void countJournaled(long pages, Map<String, Long> perHost) {
        intake.countJournaled(pages, perHost);
    }

    /**
     * Offers the links of a page an earlier run finished, one level below its depth (the
     * shortest known now, in a depth-limited crawl), so that links that run did not get to are
     * found. Links of a page that is not done (a failure to try again) are left alone.
     */
    public void offerJournaledLinks(long fingerprint, int journaledDepth, List<String> links) {
        intake.offerJournaledLinks(fingerprint, journaledDepth, links);
    }

    /** Offers a normalised URL found at {@code depth}; returns what became of it. */
    public Admission offer(String url, int depth) {
        return intake.offer(url, depth);
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
        queues.takeReady(max, n -> intake.isUnreachable(n.url) || politeness.tryAcquire(n.host), taken);
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
        return intake.unreachableError(url);
    }

    /**
     * The host of {@code url} asked, by a 429 or 503 with a Retry-After, not to be sent requests for
     * {@code millis}: none of its URLs is handed out before that has passed (see
     * {@link Politeness#pause}). Nothing happens for 0 or a URL without a host.
     */
    public void pauseHost(String url, long millis) {
        if (millis <= 0) {
            return; // nearly every result: no URL parsed for it
        }
        String host = UrlNormalizer.hostKeyOrNull(url);
        if (host != null) {
            politeness.pause(host, millis);
        }
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
        UrlNode node = table.get(UrlFingerprint.of(task.url()));
        if (node == null || node.state != UrlNode.State.IN_FLIGHT) {
            throw new IllegalStateException("completed a task that was not handed out: " + task);
        }
        if (!intake.answeredUnreachable(task.url())) {
            politeness.release(node.host);
        }
        inFlight--;
        node.state = UrlNode.State.DONE;
        node.url = null;
        node.host = null;
        table.finished(node);
        return intake.offerLinksOf(node, links);
    }

    /** The shortest known link distance of a URL the frontier holds an entry for; -1 if it holds none. */
    public int depthOf(String url) {
        UrlNode node = table.get(UrlFingerprint.of(url));
        return node == null ? -1 : node.depth;
    }

    /** URLs the frontier holds an entry for (not counting done URLs kept only as fingerprints). */
    public int urlsTracked() {
        return table.entries();
    }

    /** URLs the frontier remembers in any form: entries plus fingerprints of done URLs. */
    public long urlsRemembered() {
        return table.remembered();
    }

    /** True when nothing is queued and nothing is in flight. */
    public boolean exhausted() {
        return queues.size() == 0 && inFlight == 0 && awaitingRobots() == 0;
    }

    /** URLs held until their host's robots.txt is known. */
    public long awaitingRobots() {
        return intake.robotsWait().held();
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
        return intake.admissionCounts();
    }
}
