package crawler.exec.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import crawler.exec.Threads;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.FromWorker;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One host's URLs of one crawl, run on the member that owns the host's key. Each URL is fetched on
 * its own virtual thread through the crawl's shared page processor, behind the member's per-host
 * gate. Its result is written to the crawl's progress map (one backup) before the batch returns,
 * and a URL that already has a record is not fetched again but answered from the record: if the
 * owner dies, Hazelcast runs the batch again on the host's new owner, and only the pages that were
 * in flight at the moment of death are fetched twice.
 *
 * <p>Results travel as the worker protocol's result lines (the one {@link crawler.protocol.Codec}),
 * outlinks included, so a record answers for the page completely.
 */
final class FetchBatch implements Callable<BatchReply>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String crawlId;
    private final String configLine;
    private final String host;
    private final int hostConcurrency;
    private final long startGapNanos;
    private final String[] urls;
    private final int[] depths;
    /** Per URL, the coordinator's number for its hand-out: with the URL, the key of its progress record. */
    private final long[] tickets;
    private transient HazelcastInstance member;

    FetchBatch(String crawlId, String configLine, String host, int hostConcurrency, long startGapNanos,
               List<PageTask> tasks, long[] tickets) {
        this.crawlId = crawlId;
        this.configLine = configLine;
        this.host = host;
        this.hostConcurrency = hostConcurrency;
        this.startGapNanos = startGapNanos;
        this.urls = tasks.stream().map(PageTask::url).toArray(String[]::new);
        this.depths = tasks.stream().mapToInt(PageTask::depth).toArray();
        this.tickets = tickets.clone();
    }

    static String recordKey(long ticket, String url) {
        return ticket + " " + url;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public BatchReply call() throws InterruptedException, ExecutionException {
        MemberRuntime runtime = (MemberRuntime) member.getUserContext().get(Members.RUNTIME_KEY);
        if (runtime == null) {
            throw new IllegalStateException("member " + member.getCluster().getLocalMember()
                    + " has no crawler runtime (a member not started by the crawler?)");
        }
        IMap<String, String> progress = member.getMap(Members.PROGRESS_PREFIX + crawlId);
        PageProcessor processor = runtime.acquire(crawlId, configLine);
        List<Future<String>> lines = new ArrayList<>(urls.length);
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Threads.virtualFetchThreads())) {
            for (int i = 0; i < urls.length; i++) {
                int at = i;
                lines.add(threads.submit(() -> one(at, runtime, progress, processor)));
            }
        } finally {
            runtime.release(crawlId);
        }
        ArrayList<String> out = new ArrayList<>(urls.length);
        for (Future<String> f : lines) {
            out.add(f.get());
        }
        Member me = member.getCluster().getLocalMember();
        return new BatchReply(me.getAddress().getHost() + ":" + me.getAddress().getPort() + " pid "
                + ProcessHandle.current().pid(), out);
    }

    private String one(int i, MemberRuntime runtime, IMap<String, String> progress, PageProcessor processor)
            throws InterruptedException {
        String key = recordKey(tickets[i], urls[i]);
        String recorded = progress.get(key);
        if (recorded != null) {
            return recorded; // fetched by an owner that died before its batch returned
        }
        PageTask task = new PageTask(urls[i], depths[i]);
        runtime.gate().enter(host, hostConcurrency, startGapNanos);
        PageResult result;
        try {
            result = guarded(processor, task);
        } finally {
            runtime.gate().exit(host);
        }
        // The batch's URLs not started yet wait too; the coordinator's frontier holds the rest.
        runtime.gate().pause(host, hostConcurrency, result.retryAfterMs());
        String line = runtime.codec().encode(new FromWorker.ResultMessage(tickets[i], result));
        progress.set(key, line);
        return line;
    }

    /**
     * The processor promises not to throw; as in thread mode, a RuntimeException is a bug in the
     * unit (an IO failure) and an Error is reported as the death of the unit running the URL.
     */
    private static PageResult guarded(PageProcessor processor, PageTask task) {
        try {
            return processor.process(task);
        } catch (RuntimeException e) {
            return failure(task, ErrorKind.IO, "fetch unit failed: " + e);
        } catch (Error e) {
            return failure(task, ErrorKind.WORKER_CRASH, "fetch thread " + Thread.currentThread().getName()
                    + " died of " + e + " (cluster mode: inside member pid " + ProcessHandle.current().pid() + ")");
        }
    }

    private static PageResult failure(PageTask task, ErrorKind kind, String message) {
        Thread me = Thread.currentThread();
        return new PageResult(task.url(), task.url(), task.depth(), 0, null, 0, null, null, null, 0, 0, 0,
                new PageError(kind, message), ProcessHandle.current().pid(), me.threadId(), me.getName(),
                me.isVirtual(), null);
    }
}
