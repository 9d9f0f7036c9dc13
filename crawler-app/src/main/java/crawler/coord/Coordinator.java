package crawler.coord;

import crawler.exec.Batch;
import crawler.exec.BatchExecutor;
import crawler.exec.ExecEvent;
import crawler.exec.ResultListener;
import crawler.frontier.Frontier;
import crawler.frontier.Ticker;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.report.CrawlSummary;
import crawler.report.StopReason;
import crawler.report.ResultSink;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Drives a crawl: hands URL lists from the frontier to an executor, records each result, feeds
 * the result's links back to the frontier, and stops when the frontier is exhausted,
 * the time budget ends or the user interrupts. A {@link Watchdog} keeps a fetch that hangs past
 * every timeout from holding the crawl for ever: such a URL is handed out again once, then
 * recorded as STALLED. The first URL that fails for want of file descriptors prints one line
 * naming the limit.
 *
 * <p>All crawl state (frontier, politeness, statistics, the sink) is touched by the thread that
 * calls {@link #run} and by no other: executor threads only put messages in an inbox, and so do
 * the threads that read robots.txt. This thread never waits on the network: a host's URLs wait in
 * the frontier until its rules arrive, while other hosts' URLs go out and the time budget and the
 * watchdog keep their timing. That is
 * why the frontier and its limits are the same object, with the same rules, in every mode.
 * {@link #requestStop} and {@link #progress} may be called from any thread.
 *
 * <p>Why this class passes 300 lines: its loop, hand-out, result recording and give-up all read and
 * write the same thread-confined state (the in-flight map, the given-up set, the statistics, the
 * sink), and that confinement is what makes the crawl state lock-free. The jobs that stand alone
 * already live apart ({@link Watchdog}, {@link CrawlStats}, {@link CrawlLimits}, the frontier);
 * splitting the rest would pass that state between objects without making any piece simpler.
 */
public final class Coordinator {

    private static final long PID = ProcessHandle.current().pid();
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Frontier frontier;
    private final CrawlLimits limits;
    private final ResultSink sink;
    private final Ticker ticker;
    private final PrintStream log;

    private final BlockingQueue<InboxMessage> inbox = new LinkedBlockingQueue<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    /** URLs the watchdog recorded as STALLED: a result arriving for one later is dropped quietly. */
    private final Set<String> givenUp = new HashSet<>();
    /** The soft limit on open files, read before the crawl: when it is hit, reading it may fail too. */
    private final java.util.OptionalLong openFileLimit = OpenFileLimit.softLimit();
    private boolean outOfFilesReported;
    /** Said once, the first time per-host politeness held a URL back from a free slot. */
    private String politenessNote;
    private final CrawlStats stats = new CrawlStats();
    private volatile boolean stopRequested;
    private volatile Progress progress = Progress.NOT_STARTED;
    private long batchIds;

    public Coordinator(Frontier frontier, CrawlLimits limits, ResultSink sink, Ticker ticker, PrintStream log) {
        this(frontier, limits, sink, ticker, log, 0);
    }

    /**
     * @param resumed pages a resumed crawl's journal already holds (0 for a fresh crawl); the
     *                frontier must have been told of them ({@link Frontier#markDone})
     */
    public Coordinator(Frontier frontier, CrawlLimits limits, ResultSink sink, Ticker ticker,
                       PrintStream log, long resumed) {
        stats.recordResumed(resumed);
        this.frontier = frontier;
        this.limits = limits;
        this.sink = sink;
        this.ticker = ticker;
        this.log = log;
        // robots.txt is read on other threads; the host's URLs wait in the frontier meanwhile, and
        // the news comes through the inbox, so the frontier stays confined to this loop's thread.
        frontier.whenRobotsArrive(host -> inbox.add(new InboxMessage.RobotsArrived(host)));
    }

    /** Asks a running crawl to stop soon; in-flight work is given a short grace, then abandoned. */
    public void requestStop() {
        stopRequested = true;
        inbox.offer(InboxMessage.Wakeup.INSTANCE);
    }

    public Progress progress() {
        return progress;
    }

    /**
     * Runs the crawl to its end on the calling thread. The executor is created here, with this
     * coordinator's inbox as its listener, and is shut down before this method returns.
     */
    public CrawlSummary run(Function<ResultListener, BatchExecutor> executorFactory, CrawlRun run) {
        ResultListener listener = new ResultListener() {
            @Override
            public void onResult(PageResult result) {
                inbox.add(new InboxMessage.Result(result));
            }

            @Override
            public void onEvent(ExecEvent event) {
                inbox.add(new InboxMessage.Event(event));
            }
        };
        // Worker processes start inside the factory; the time budget and the clocks start after,
        // so every mode gets the same budget for crawling (start-up is reported on its own).
        BatchExecutor executor = executorFactory.apply(listener);
        long start = ticker.nanoTime();
        long lastProgress = start;
        Watchdog watchdog = new Watchdog(limits.stallTimeout(), log, start);
        StopReason reason = StopReason.INTERRUPTED; // until the loop says otherwise
        long firstDispatch = -1;
        long lastResult = start;
        try {
            while (true) {
                if (stopRequested) {
                    reason = StopReason.INTERRUPTED;
                    break;
                }
                long now = ticker.nanoTime();
                long budgetLeft = limits.maxTime().isZero() ? Long.MAX_VALUE : limits.maxTime().toNanos() - (now - start);
                if (budgetLeft <= 0) {
                    reason = StopReason.MAX_TIME;
                    break;
                }
                if (frontier.exhausted()) {
                    reason = StopReason.COMPLETE;
                    break;
                }
                // The clock starts before the first hand-out, not after it: handing out the first
                // URLs is where a platform pool starts its threads (c of them), and that is part of
                // what the mode costs.
                long beforeDispatch = ticker.nanoTime();
                if (dispatch(executor) && firstDispatch < 0) {
                    firstDispatch = beforeDispatch;
                }
                long wait = Math.min(TICK_NANOS, budgetLeft);
                if (inFlight.size() < limits.concurrency()) {
                    wait = Math.min(wait, Math.max(frontier.nanosUntilNextReady(), 1));
                }
                InboxMessage message = inbox.poll(wait, TimeUnit.NANOSECONDS);
                if (message != null) {
                    List<InboxMessage> more = new ArrayList<>();
                    more.add(message);
                    inbox.drainTo(more);
                    for (InboxMessage m : more) {
                        if (handle(m)) {
                            lastProgress = ticker.nanoTime();
                            lastResult = lastProgress;
                        } else if (m instanceof InboxMessage.Event(ExecEvent.WorkerStarted started)) {
                            // A new worker (e.g. one replacing a worker the watchdog killed) gets the
                            // whole stall timeout for the URLs queued to it: JVM start-up is not a stall.
                            lastProgress = ticker.nanoTime();
                        }
                    }
                }
                now = ticker.nanoTime();
                publishProgress(start, now);
                List<InFlight> stalled = watchdog.check(now, lastProgress, inFlight, executor);
                if (!stalled.isEmpty()) {
                    giveUp(stalled, now, executor);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = StopReason.INTERRUPTED;
        } finally {
            // A crawl cut short gives running URLs a short grace; a complete one has none running.
            executor.shutdown(reason == StopReason.COMPLETE ? 5_000 : 2_000);
        }
        // Results that arrived while the executor wound down are complete pages: keep them.
        List<InboxMessage> late = new ArrayList<>();
        inbox.drainTo(late);
        for (InboxMessage m : late) {
            if (handle(m)) {
                lastResult = ticker.nanoTime();
            }
        }
        publishProgress(start, ticker.nanoTime());
        long from = firstDispatch < 0 ? start : firstDispatch;
        long wallMillis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, lastResult - from));
        return stats.summary(run.mode(), limits.concurrency(), run.workers(), limits.batchSize(), reason,
                inFlight.size(), wallMillis, frontier.admissionCounts(), run.robotsIgnored(), politenessNote);
    }

    /** Hands out as many URLs as the concurrency and politeness allow; true if any went out. */
    private boolean dispatch(BatchExecutor executor) {
        boolean any = false;
        int free = limits.concurrency() - inFlight.size();
        while (free > 0) {
            List<PageTask> tasks = frontier.take(Math.min(free, limits.batchSize()));
            if (tasks.isEmpty()) {
                notePolitenessIfItHoldsBack();
                break;
            }
            long now = ticker.nanoTime();
            List<PageTask> toFetch = new ArrayList<>(tasks.size());
            for (PageTask t : tasks) {
                PageError unreachable = frontier.unreachableError(t.url());
                if (unreachable != null) {
                    recordUnrequested(t, unreachable);
                } else {
                    inFlight.put(t.url(), new InFlight(t, now, false));
                    toFetch.add(t);
                }
            }
            if (!toFetch.isEmpty()) {
                executor.submit(new Batch(batchIds++, toFetch, frontier::startGap));
                free -= toFetch.size();
                any = true;
            }
        }
        return any;
    }

    /**
     * Called when a slot is free but nothing was handed out: if URLs are queued, per-host
     * politeness (its limits, or a server's Retry-After pause) is what holds them, so the user
     * hears once that it, not the concurrency, sets the pace (a polite default on one host
     * quietly caps a crawl at a few pages a second).
     */
    private void notePolitenessIfItHoldsBack() {
        if (politenessNote != null || frontier.queued() == 0) {
            return;
        }
        politenessNote = frontier.pace().describe(limits.concurrency()); // null: no limit or pause to name
        if (politenessNote != null) {
            log.println("crawler: " + politenessNote);
        }
    }

    /** Applies one inbox message; true when it was a page result. */
    private boolean handle(InboxMessage message) {
        return switch (message) {
            case InboxMessage.Result(PageResult r) -> {
                record(r);
                yield true;
            }
            case InboxMessage.RobotsArrived(String hostKey) -> {
                frontier.robotsArrived(hostKey);
                yield false;
            }
            case InboxMessage.Event(ExecEvent.SubstrateFailed f) ->
                // Every URL from here on would fail the same way: stop with the executor's reason.
                throw new IllegalStateException(f.reason());
            case InboxMessage.Event(ExecEvent e) -> {
                stats.record(e);
                if (e instanceof ExecEvent.WorkerDied d) {
                    log.printf("crawler: worker %d (pid %d) died with exit code %d; %d URLs handed out again, %d given up%n",
                            d.workerId(), d.pid(), d.exitCode(), d.requeued(), d.abandoned());
                }
                yield false;
            }
            case InboxMessage.Wakeup w -> false;
        };
    }

    private void record(PageResult result) {
        InFlight f = inFlight.remove(result.url());
        if (f == null && givenUp.contains(result.url())) {
            return; // the watchdog already recorded this URL as STALLED; it keeps that one result
        }
        if (f == null) {
            // The executor contract makes this impossible; refuse to count a page twice if it happens.
            log.println("crawler: ignoring a result for a URL not in flight (duplicate?): " + result.url());
            return;
        }
        // Before anything else is handed out: the host's other URLs wait out the pause it asked for.
        frontier.pauseHost(result.url(), result.retryAfterMs());
        // The frontier takes the links first: it drops invalid and out-of-scope ones, and may
        // know a shorter depth for this URL than the one it was handed out at.
        int depth = frontier.depthOf(result.url()); // before completed(), which may forget the URL
        List<String> kept = frontier.completed(f.task(), result.links());
        PageResult written = kept.size() == result.links().size() && depth == result.depth()
                ? result : result.withLinksAndDepth(kept, depth);
        sink.accept(written);
        stats.record(written);
        if (!outOfFilesReported && !written.ok() && written.error().kind() == ErrorKind.RESOURCE_LIMIT) {
            outOfFilesReported = true; // one line, however many URLs hit the limit
            log.println(OpenFileLimit.notice(openFileLimit));
        }
    }

    /** A URL answered with an error without a request (its robots.txt could not be read). */
    private void recordUnrequested(PageTask task, PageError error) {
        if (task.depth() == 0) { // robots.txt is read after the seeds are offered: said here, when known
            log.println("crawler: seed " + task.url() + ": robots.txt could not be read; recorded as failed");
        }
        PageResult r = PageResult.failed(task, error).ranBy(PID, 0, null, false);
        sink.accept(r);
        stats.record(r);
        frontier.completed(task);
    }

    private void publishProgress(long start, long now) {
        progress = new Progress(stats.pages(), stats.failed(), inFlight.size(), frontier.queued(),
                frontier.currentDepth(), now - start);
    }

    /** URLs the watchdog gave up on: each gets its one result, STALLED, written by the coordinator. */
    private void giveUp(List<InFlight> stalled, long now, BatchExecutor executor) {
        List<String> urls = new ArrayList<>(stalled.size());
        for (InFlight f : stalled) {
            PageTask t = f.task();
            inFlight.remove(t.url());
            givenUp.add(t.url());
            urls.add(t.url());
            PageResult r = PageResult.failed(t, new PageError(ErrorKind.STALLED, "no result within the stall timeout of "
                    + Watchdog.readable(limits.stallTimeout()) + ", twice: handed out again once, then given up"))
                    .withFetchMs(TimeUnit.NANOSECONDS.toMillis(now - f.since()));
            sink.accept(r);
            stats.record(r);
            frontier.completed(t);
        }
        executor.giveUp(urls);
    }
}
