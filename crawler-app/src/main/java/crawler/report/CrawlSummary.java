package crawler.report;

import crawler.exec.Mode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a crawl did, as printed at the end and written by {@code --summary}. An immutable
 * snapshot; {@link SummaryFormatter} turns it into text.
 *
 * @param mode               execution mode; written in lower case, as {@code --mode} takes it
 * @param concurrency        URLs in flight at once
 * @param workers            worker processes (process mode), else 0
 * @param batchSize          longest URL list handed out at once
 * @param stopReason         why the crawl ended; written as COMPLETE, MAX_TIME or INTERRUPTED
 * @param pages              results written
 * @param ok                 results without error
 * @param failuresByKind     results with an error, by kind
 * @param abandoned          URLs handed out but without a result when the crawl stopped
 * @param wallMillis         from the first URL handed out to the last result
 * @param pagesPerSecond     pages / wall time
 * @param pids               processes that fetched pages (the coordinator's own in thread modes)
 * @param coordinatorPid     this process
 * @param threadsPerPid      distinct threads that fetched pages, per process
 * @param virtualThreadPages pages fetched on virtual threads
 * @param workerStarts       worker processes started (first starts and restarts); cluster mode: the
 *                           member embedded in this JVM, if any
 * @param workerDeaths       worker processes that died holding work
 * @param requeued           URLs handed out again after their worker died
 * @param admissions         what the frontier did with every URL offered to it
 * @param robotsIgnored      true when the user turned robots.txt off
 * @param workerStartupMillis spawn-to-hello time of each worker start, in order; cluster mode: the
 *                           embedded member's start-up
 * @param resumed            pages a resumed crawl took from its journal instead of fetching again
 * @param politenessNote     when per-host limits, not the concurrency, held URLs back: what they
 *                           allow and how to lift them; null when they never did
 * @param workerFirstResultMillis spawn to first result of each worker that delivered one, in arrival order
 * @param invalidLinks       links dropped from pages because they are no URL the crawl can request,
 *                           by reason (other_scheme, unparsable, no_usable_host)
 * @param members            cluster mode: what each member (address and pid) did, so an uneven
 *                           spread of hosts shows; empty in the other modes
 */
public record CrawlSummary(
        Mode mode,
        int concurrency,
        int workers,
        int batchSize,
        StopReason stopReason,
        long pages,
        long ok,
        Map<String, Long> failuresByKind,
        long abandoned,
        long wallMillis,
        double pagesPerSecond,
        List<Long> pids,
        long coordinatorPid,
        Map<Long, Integer> threadsPerPid,
        long virtualThreadPages,
        int workerStarts,
        int workerDeaths,
        long requeued,
        Map<String, Long> admissions,
        boolean robotsIgnored,
        List<Long> workerStartupMillis,
        long resumed,
        String politenessNote,
        List<Long> workerFirstResultMillis,
        Map<String, Long> invalidLinks,
        Map<String, MemberShare> members) {

    public CrawlSummary {
        failuresByKind = Map.copyOf(failuresByKind);
        pids = List.copyOf(pids);
        threadsPerPid = Map.copyOf(threadsPerPid);
        admissions = Map.copyOf(admissions);
        workerStartupMillis = List.copyOf(workerStartupMillis);
        workerFirstResultMillis = List.copyOf(workerFirstResultMillis);
        invalidLinks = invalidLinks == null ? Map.of() : Map.copyOf(invalidLinks); // absent in older summaries
        members = members == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(members)); // the same
    }

    public long failed() {
        return pages - ok;
    }
}
