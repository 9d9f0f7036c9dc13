package crawler.worker;

import crawler.page.GuardedProcessor;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.FromWorker;
import crawler.protocol.ToWorker;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Worker}'s URLs in hand: submits a batch's URLs to the fetch pool and reports each
 * result (or its cancellation), then the batch's end; drops one URL on a cancel, or all of them
 * when the worker goes away. Thread-safe: called from the protocol loop and the fetch threads.
 */
record BatchRunner(int workerId, PageProcessor processor, GuardedProcessor guard, ExecutorService pool,
        ProtocolWriter writer, PrintStream log, Map<BatchRunner.RunKey, TaskRun> runs) {

    /** A URL is held once per wire batch: a URL handed out again comes in a new batch. */
    record RunKey(long batch, String url) {
    }

    BatchRunner(int workerId, PageProcessor processor, ExecutorService pool, ProtocolWriter writer,
            PrintStream log) {
        this(workerId, processor, new GuardedProcessor(processor, GuardedProcessor.OnError.PROPAGATE, log), pool,
                writer, log, new ConcurrentHashMap<>());
    }

    void run(ToWorker.BatchMessage batch) {
        AtomicInteger remaining = new AtomicInteger(batch.urls().size());
        for (PageTask task : batch.urls()) {
            RunKey key = new RunKey(batch.id(), task.url());
            TaskRun run = new TaskRun(remaining);
            runs.put(key, run);
            try {
                pool.execute(() -> {
                    if (!run.begin()) {
                        return; // cancelled while queued: answered then
                    }
                    writer.send(new FromWorker.Started(batch.id(), task.url()));
                    PageResult result = guard.process(task).withWorkerId(workerId);
                    boolean send = run.end();
                    Thread.interrupted(); // a cancel's interrupt was for this URL only
                    runs.remove(key, run);
                    writer.send(send ? new FromWorker.ResultMessage(batch.id(), result)
                            : new FromWorker.Cancelled(batch.id(), task.url()));
                    countDown(batch.id(), run);
                });
            } catch (RejectedExecutionException e) {
                runs.remove(key, run);
                log.println("refusing " + task.url() + " of batch " + batch.id() + ": shutting down");
            }
        }
    }

    /** Drops a URL this worker holds; one it already answered is left alone. */
    void cancel(long batch, String url) {
        RunKey key = new RunKey(batch, url);
        TaskRun run = runs.get(key);
        if (run == null) {
            return; // answered already: its result is on its way to the coordinator
        }
        switch (run.cancel(processor)) {
            case NOT_STARTED -> {
                runs.remove(key, run);
                writer.send(new FromWorker.Cancelled(batch, url));
                countDown(batch, run);
            }
            case RUNNING -> log.println("cancelling " + url + " of batch " + batch + " as asked");
            case NOTHING_TO_DO -> {
            }
        }
    }

    /** The worker is going away: every running call is cancelled and every thread interrupted. */
    void abandon() {
        pool.shutdownNow();
        runs.values().forEach(r -> r.abandon(processor));
    }

    private void countDown(long batch, TaskRun run) {
        if (run.batchRemaining.decrementAndGet() == 0) {
            writer.send(new FromWorker.BatchDone(batch));
        }
    }
}
