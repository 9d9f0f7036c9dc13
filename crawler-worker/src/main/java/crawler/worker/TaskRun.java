package crawler.worker;

import crawler.page.PageProcessor;
import java.util.concurrent.atomic.AtomicInteger;

/** One URL held by this worker, from its arrival to its answer. Thread-safe (its own lock). */
final class TaskRun {
    enum Cancelled { NOTHING_TO_DO, NOT_STARTED, RUNNING }

    TaskRun(AtomicInteger batchRemaining) {
        this.batchRemaining = batchRemaining;
    }

    /** URLs of the same batch not yet answered: the batch-done marker follows the last answer. */
    final AtomicInteger batchRemaining;
    private Thread thread; // while the processor runs it
    private boolean cancelled;
    private boolean finished;

    /** A fetch thread picks the URL up: false if it was cancelled while queued (already answered). */
    synchronized boolean begin() {
        thread = Thread.currentThread();
        return !cancelled;
    }

    /** The processor returned: true if its result is to be sent, false if a Cancelled is owed instead. */
    synchronized boolean end() {
        thread = null;
        finished = true;
        return !cancelled;
    }

    /**
     * Cancels the URL unless its answer is already decided. A running one has its call cancelled
     * and its thread interrupted, under this lock, so neither can reach the thread's next URL.
     */
    synchronized Cancelled cancel(PageProcessor processor) {
        if (finished || cancelled) {
            return Cancelled.NOTHING_TO_DO;
        }
        cancelled = true;
        if (thread == null) {
            return Cancelled.NOT_STARTED;
        }
        thread.interrupt(); // first: whatever the cancel wakes finds it set, and goes no further
        processor.cancel(thread);
        return Cancelled.RUNNING;
    }

    /** Cancels the running call without deciding the answer (the worker is going away). */
    synchronized void abandon(PageProcessor processor) {
        if (thread != null) {
            processor.cancel(thread);
        }
    }
}
