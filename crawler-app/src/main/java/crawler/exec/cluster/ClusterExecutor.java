package crawler.exec.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import crawler.exec.Batch;
import crawler.exec.BatchExecutor;
import crawler.exec.ExecEvent;
import crawler.exec.ResultListener;
import crawler.frontier.PolitenessConfig;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.MalformedMessageException;
import crawler.protocol.ToWorker;
import crawler.url.UrlNormalizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cluster mode: batches run on Hazelcast members, each host's URLs on the member that owns the
 * host's key ({@code IExecutorService.submitToKeyOwner(batch, host)}), fetched there on virtual
 * threads by the same page processor as in every other mode.
 *
 * <p>With a {@link ClusterConfig#standalone() standalone} config the one member runs inside this
 * JVM; otherwise this JVM joins the cluster as a lite member that owns no data and runs no batch.
 *
 * <p>Exactly once: every URL handed out is outstanding here until its first result arrives; a
 * second result for it (from a batch run again after its owner died) is dropped. Hazelcast runs a
 * dead owner's batches again on the new owners by itself, and each URL's progress record lets the
 * re-run answer pages already fetched without fetching them again. If a batch fails anyway, its
 * outstanding URLs are sent again (records answer the fetched ones), at most {@value #MAX_ATTEMPTS}
 * times, then reported as WORKER_CRASH. A record is deleted once its result has arrived here, so the
 * progress map holds only the pages of batches still out.
 *
 * <p>Thread-safety: {@code submit}, {@code shutdown} and the watchdog's calls come from the
 * coordinator's thread; batch replies arrive on Hazelcast's threads.
 */
public final class ClusterExecutor implements BatchExecutor {

    static final int MAX_ATTEMPTS = 3;
    /** How long shutdown waits for a member JVM this crawl started to close the crawl's files. */
    private static final long END_CRAWL_WAIT_SECONDS = 10;

    private final HazelcastInstance local;
    /** This JVM's member runtime when it is a data member (the embedded default); null when lite. */
    private final MemberRuntime localRuntime;
    /** The member JVMs this crawl started beside its embedded one ({@code --members}); null if none. */
    private final ChildMembers children;
    private final IExecutorService executor;
    private final IMap<String, String> progress;
    private final String crawlId = UUID.randomUUID().toString();
    private final String configLine;
    private final int hostConcurrency;
    private final ResultListener listener;
    private final PrintStream log;
    private final Codec codec = new Codec();
    private final AtomicLong tickets = new AtomicLong();
    private final Map<String, Outstanding> outstanding = new ConcurrentHashMap<>();
    private final Object drained = new Object();
    private volatile boolean closed;

    /** One URL handed out and not yet answered; {@code ticket} tells its hand-out from any later one. */
    private record Outstanding(PageTask task, long ticket, String host) {
    }

    /**
     * Starts (or joins) the cluster; returns once a data member is there to take batches.
     *
     * @param worker     the fetch settings every member's processor is built from
     * @param politeness the per-host concurrency the owning members enforce; the least time between
     *                   a host's request starts comes with each batch ({@link Batch#startGap})
     * @throws IllegalStateException if a joined cluster has no data member
     */
    public ClusterExecutor(ClusterConfig cluster, ToWorker.Config worker, PolitenessConfig politeness,
                           ResultListener listener, PrintStream log) {
        this.listener = listener;
        this.log = log;
        this.configLine = codec.encode(worker);
        this.hostConcurrency = politeness.maxPerHost();
        long started = System.nanoTime();
        if (cluster.standalone()) {
            localRuntime = new MemberRuntime(log, cluster.crawlMaxIdle());
            local = Members.startData(cluster, localRuntime);
        } else {
            localRuntime = null;
            local = Members.startLite(cluster);
        }
        long startedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started); // this JVM's member alone
        if (cluster.localMembers() > 1) {
            try {
                children = ChildMembers.start(cluster, local, worker.threads(), worker.fetch().maxBodyBytes(),
                        listener, log);
            } catch (IllegalStateException e) {
                local.shutdown();
                localRuntime.close();
                throw e;
            }
        } else {
            children = null;
        }
        List<Member> dataMembers = Members.dataMembers(local);
        if (dataMembers.isEmpty()) {
            local.shutdown();
            throw new IllegalStateException("cluster " + cluster.clusterName() + " has no member to run batches: start"
                    + " one with `crawler member --join ...` first (joined " + cluster.join() + ")");
        }
        if (localRuntime != null) {
            // The member this crawl started, reported as a worker's start-up is: the bench shows it per member.
            listener.onEvent(new ExecEvent.WorkerStarted(0, ProcessHandle.current().pid(), startedMillis));
        }
        this.executor = local.getExecutorService(Members.EXECUTOR);
        this.progress = local.getMap(Members.PROGRESS_PREFIX + crawlId);
        log.printf("crawler: cluster %s: %d member(s) %s, %s in %d ms%n", cluster.clusterName(), dataMembers.size(),
                dataMembers.stream().map(m -> m.getAddress().getHost() + ":" + m.getAddress().getPort()).toList(),
                children != null ? "one embedded in this JVM, the others its child JVMs"
                        : localRuntime != null ? "embedded in this JVM" : "this coordinator joined as a lite member",
                startedMillis);
    }

    @Override
    public void submit(Batch batch) {
        if (closed) {
            throw new IllegalStateException("the cluster executor is shut down");
        }
        Map<String, List<Outstanding>> byHost = new LinkedHashMap<>();
        for (PageTask t : batch.tasks()) {
            String host = UrlNormalizer.hostKey(t.url());
            Outstanding o = new Outstanding(t, tickets.getAndIncrement(), host);
            outstanding.put(t.url(), o);
            byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(o);
        }
        // The coordinator's gap for the host (--host-delay, raised by a robots.txt Crawl-delay) goes with the batch.
        byHost.forEach((host, items) -> send(host, batch.startGap(host).toNanos(), items, 1));
    }

    private void send(String host, long startGapNanos, List<Outstanding> items, int attempt) {
        FetchBatch task = new FetchBatch(crawlId, configLine, host, hostConcurrency, startGapNanos,
                items.stream().map(Outstanding::task).toList(), items.stream().mapToLong(Outstanding::ticket).toArray());
        executor.submitToKeyOwner(task, host, new ExecutionCallback<BatchReply>() {
            @Override
            public void onResponse(BatchReply reply) {
                List<PageResult> claimed = new ArrayList<>();
                for (String line : reply.lines()) {
                    PageResult result = claim(line);
                    if (result != null) {
                        claimed.add(result);
                    }
                }
                // The member's share goes to the listener before the batch's results: the crawl can
                // end on the last result, and a share told after it would be missing from the summary.
                if (!claimed.isEmpty() || !closed) {
                    listener.onEvent(new ExecEvent.MemberBatch(reply.member(), host, claimed.size()));
                }
                claimed.forEach(listener::onResult);
                if (outstanding.isEmpty()) {
                    synchronized (drained) {
                        drained.notifyAll();
                    }
                }
            }

            @Override
            public void onFailure(Throwable t) {
                failed(host, startGapNanos, items, attempt, t);
            }
        });
    }

    /**
     * One result line from a member: claimed for delivery if its URL is still outstanding under
     * that ticket and the crawl is not closed. A claimed result is delivered even if the crawl
     * closes meanwhile, so the member's share always counts exactly the results delivered.
     *
     * @return the result to deliver, or null
     */
    private PageResult claim(String line) {
        FromWorker.ResultMessage message;
        try {
            message = (FromWorker.ResultMessage) codec.decodeFromWorker(line);
        } catch (MalformedMessageException | ClassCastException e) {
            log.println("crawler: cluster: ignoring a reply that is not a result: " + e.getMessage());
            return null;
        }
        PageResult result = message.result();
        Outstanding o = outstanding.get(result.url());
        progress.deleteAsync(FetchBatch.recordKey(message.batch(), result.url()));
        if (o == null || o.ticket() != message.batch() || !outstanding.remove(result.url(), o)) {
            return null; // answered already (a batch run twice), or given up by the watchdog
        }
        return closed ? null : result;
    }

    private void failed(String host, long startGapNanos, List<Outstanding> items, int attempt, Throwable cause) {
        if (closed) {
            return;
        }
        List<Outstanding> left = items.stream().filter(o -> outstanding.get(o.task().url()) == o).toList();
        if (left.isEmpty()) {
            return;
        }
        if (attempt < MAX_ATTEMPTS) {
            log.printf("crawler: cluster: a batch of %s failed (%s); sending its %d unanswered URL(s) again%n",
                    host, cause, left.size());
            send(host, startGapNanos, left, attempt + 1);
            return;
        }
        for (Outstanding o : left) {
            if (outstanding.remove(o.task().url(), o)) {
                PageTask t = o.task();
                listener.onResult(new PageResult(t.url(), t.url(), t.depth(), 0, null, 0, null, List.of(), null, 0, 0,
                        attempt, new PageError(ErrorKind.WORKER_CRASH, "batch of " + host + " failed " + attempt
                        + " times on the cluster: " + cause), 0, 0, null, false, null));
            }
        }
    }

    @Override
    public Map<String, String> holders(Collection<String> urls) {
        Map<String, String> holders = new TreeMap<>();
        for (String url : urls) {
            Outstanding o = outstanding.get(url);
            if (o != null) {
                Member owner = local.getPartitionService().getPartition(o.host()).getOwner();
                holders.put(url, "batch of " + o.host() + " on member " + (owner == null ? "(none)" : owner.getAddress()));
            }
        }
        return holders;
    }

    @Override
    public void giveUp(Collection<String> urls) {
        urls.forEach(outstanding::remove);
    }

    /** Waits a bounded time for one member to close the crawl's processor; a member that does not answer is stopped anyway. */
    private void awaitEnd(java.util.concurrent.Future<Boolean> ended) {
        try {
            ended.get(END_CRAWL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.println("crawler: cluster: a member did not close this crawl's files in time: " + e);
        }
    }

    @Override
    public void shutdown(long graceMillis) {
        if (closed) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        synchronized (drained) {
            long left;
            while (!outstanding.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        closed = true; // anything later is abandoned work: no result for it
        try {
            if (children != null && local.getLifecycleService().isRunning()) {
                // The member JVMs this crawl started hold its HTTP clients and WARC files too: they
                // close them before they are stopped, not in a race with their own exit.
                for (java.util.concurrent.Future<Boolean> ended : executor.submitToAllMembers(
                        (java.util.concurrent.Callable<Boolean>) new EndCrawl(crawlId)).values()) {
                    awaitEnd(ended);
                }
            } else if (localRuntime == null && local.getLifecycleService().isRunning()) {
                executor.executeOnAllMembers(new EndCrawl(crawlId));
            }
            if (local.getLifecycleService().isRunning()) {
                progress.destroy();
            }
        } catch (RuntimeException e) {
            log.println("crawler: cluster: could not tidy up the members after the crawl: " + e);
        } finally {
            if (children != null) {
                children.close();
            }
            local.shutdown();
            if (localRuntime != null) {
                localRuntime.close();
            }
        }
    }
}
