package crawler.coord;

import crawler.exec.ExecEvent;
import crawler.exec.Mode;
import crawler.frontier.Admission;
import crawler.page.PageResult;
import crawler.report.CrawlSummary;
import crawler.report.MemberShare;
import crawler.report.StopReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Running totals of a crawl. Not thread-safe: confined to the coordinator thread. */
final class CrawlStats {

    private long pages;
    private long ok;
    private final Map<String, Long> failuresByKind = new TreeMap<>();
    private final Map<Long, Set<Long>> threadsByPid = new HashMap<>();
    private long virtualPages;
    private long resumed;
    private int workerStarts;
    private int workerDeaths;
    private long requeued;
    private final List<Long> workerStartupMillis = new ArrayList<>();
    private final List<Long> workerFirstResultMillis = new ArrayList<>();
    private final Map<String, Long> invalidLinks = new TreeMap<>();
    /** Cluster mode: per member, the hosts it delivered pages of and its batch and page counts. */
    private final Map<String, Set<String>> hostsByMember = new TreeMap<>();
    private final Map<String, long[]> batchesAndPagesByMember = new TreeMap<>();

    void record(PageResult r) {
        pages++;
        if (r.ok()) {
            ok++;
        } else {
            failuresByKind.merge(r.error().kind().name(), 1L, Long::sum);
        }
        if (r.pid() != 0) { // pid 0: a result recorded for a URL no process finished (e.g. STALLED)
            threadsByPid.computeIfAbsent(r.pid(), p -> new HashSet<>()).add(r.threadId());
        }
        if (r.virtual()) {
            virtualPages++;
        }
        r.invalidLinks().forEach((why, n) -> invalidLinks.merge(why, (long) n, Long::sum));
    }

    void recordResumed(long pages) {
        resumed += pages;
    }

    void record(ExecEvent event) {
        switch (event) {
            case ExecEvent.WorkerStarted s -> {
                workerStarts++;
                workerStartupMillis.add(s.startupMs());
            }
            case ExecEvent.WorkerFirstResult f -> workerFirstResultMillis.add(f.spawnToResultMs());
            case ExecEvent.WorkerDied d -> {
                workerDeaths++;
                requeued += d.requeued();
            }
            case ExecEvent.MemberBatch b -> {
                Set<String> hosts = hostsByMember.computeIfAbsent(b.member(), m -> new HashSet<>());
                if (b.pages() > 0) {
                    hosts.add(b.host());
                }
                long[] counts = batchesAndPagesByMember.computeIfAbsent(b.member(), m -> new long[2]);
                counts[0]++;
                counts[1] += b.pages();
            }
            case ExecEvent.SubstrateFailed f -> {
                // Not a statistic: the coordinator stops the crawl with it.
            }
        }
    }

    long pages() {
        return pages;
    }

    long ok() {
        return ok;
    }

    long failed() {
        return pages - ok;
    }

    CrawlSummary summary(Mode mode, int concurrency, int workers, int batchSize, StopReason stop, long abandoned,
                         long wallMillis, Map<Admission, Long> admissions, boolean robotsIgnored,
                         String politenessNote) {
        Map<Long, Integer> threadCounts = new TreeMap<>();
        threadsByPid.forEach((pid, threads) -> threadCounts.put(pid, threads.size()));
        Map<String, Long> admissionNames = new TreeMap<>();
        admissions.forEach((a, n) -> admissionNames.put(a.name(), n));
        double rate = wallMillis > 0 ? pages * 1000.0 / wallMillis : 0;
        Map<String, MemberShare> members = new TreeMap<>();
        batchesAndPagesByMember.forEach((member, counts) ->
                members.put(member, new MemberShare(hostsByMember.get(member).size(), counts[0], counts[1])));
        return new CrawlSummary(mode, concurrency, workers, batchSize, stop, pages, ok, failuresByKind,
                abandoned, wallMillis, rate, List.copyOf(threadCounts.keySet()), ProcessHandle.current().pid(),
                threadCounts, virtualPages, workerStarts, workerDeaths, requeued, admissionNames, robotsIgnored,
                workerStartupMillis, resumed, politenessNote, workerFirstResultMillis, invalidLinks, members);
    }
}
