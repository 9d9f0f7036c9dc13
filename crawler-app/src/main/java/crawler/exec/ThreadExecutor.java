package crawler.exec;

import crawler.page.GuardedProcessor;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs every URL of a batch as its own task on threads of this process, all sharing one
 * {@link PageProcessor} (one HTTP client, one connection pool: the seed's "threads share one
 * memory"). The two thread modes differ only in the {@link ExecutorService}:
 * <ul>
 *   <li>{@link #virtualThreads}: a new virtual thread per URL; the coordinator's in-flight limit
 *       is what bounds them;</li>
 *   <li>{@link #platformThreads}: a fixed pool of platform threads, as many as the concurrency.</li>
 * </ul>
 */
public final class ThreadExecutor implements BatchExecutor {

    private final ExecutorService threads;
    private final PageProcessor processor;
    private final GuardedProcessor guard;
    private final ResultListener listener;
    /** Set once shutdown gives up waiting: from then on no result is delivered (the work is abandoned). */
    private volatile boolean abandoned;
    /** The latest attempt at each URL without a delivered result, for the watchdog. */
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    /**
     * One attempt at one URL. The watchdog may drop it (its thread is interrupted and its result
     * discarded) only until it delivers; both are decided under the attempt's lock, so a URL never
     * yields a result from a dropped attempt and one from its replacement.
     */
    private static final class Attempt {
        final PageTask task;
        private Thread thread; // while the fetch runs; guarded by this
        private boolean dropped; // guarded by this
        private boolean delivered; // guarded by this

        Attempt(PageTask task) {
            this.task = task;
        }

        synchronized boolean begin() {
            thread = Thread.currentThread();
            return !dropped;
        }

        /** The fetch returned: true if its result is to be delivered. */
        synchronized boolean end() {
            thread = null;
            delivered = !dropped;
            return delivered;
        }

        /** Drops the attempt unless it already delivered; cancels its call and interrupts its fetch if running. */
        synchronized boolean drop(PageProcessor processor) {
            if (delivered) {
                return false;
            }
            dropped = true;
            if (thread != null) {
                // Under the lock, so neither can hit the thread's next task. The interrupt wakes a
                // virtual thread blocked on a socket (the socket closes); a platform thread's socket
                // read ignores it, which is why the call itself is cancelled too.
                thread.interrupt(); // first: whatever the cancel wakes finds it set, and goes no further
                processor.cancel(thread);
            }
            return true;
        }

        synchronized String holder() {
            return thread == null ? "queued for a thread (pid " + ProcessHandle.current().pid() + ")"
                    : "thread " + thread.getName() + " (pid " + ProcessHandle.current().pid() + ")";
        }
    }

    private ThreadExecutor(ExecutorService threads, PageProcessor processor, ResultListener listener) {
        this.threads = threads;
        this.processor = processor;
        this.guard = new GuardedProcessor(processor, GuardedProcessor.OnError.RESULT, System.err);
        this.listener = listener;
    }

    public static ThreadExecutor virtualThreads(PageProcessor processor, ResultListener listener) {
        return new ThreadExecutor(Executors.newThreadPerTaskExecutor(Threads.virtualFetchThreads()), processor, listener);
    }

    public static ThreadExecutor platformThreads(int poolSize, PageProcessor processor, ResultListener listener) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be >= 1, was " + poolSize);
        }
        return new ThreadExecutor(Threads.platformPool(poolSize), processor, listener);
    }

    @Override
    public void submit(Batch batch) {
        batch.tasks().forEach(this::start);
    }

    private void start(PageTask task) {
        Attempt attempt = new Attempt(task);
        attempts.put(task.url(), attempt);
        threads.execute(() -> {
            if (!attempt.begin()) {
                return;
            }
            // An Error the guard could not even turn into a result (the heap still exhausted) goes on
            // to the fetch thread's handler (Threads), which halts this JVM: see GuardedProcessor.
            PageResult result = guard.process(task);
            boolean deliver = attempt.end();
            Thread.interrupted(); // a watchdog interrupt was for this attempt only
            if (deliver) {
                attempts.remove(task.url(), attempt);
                if (!abandoned) {
                    listener.onResult(result);
                }
            }
        });
    }

    @Override
    public Map<String, String> holders(Collection<String> urls) {
        Map<String, String> holders = new TreeMap<>();
        for (String url : urls) {
            Attempt a = attempts.get(url);
            if (a != null) {
                holders.put(url, a.holder());
            }
        }
        return holders;
    }

    /** Interrupts each URL's running attempt, discards its result, and starts a new attempt. */
    @Override
    public Set<String> rehand(Collection<String> urls) {
        Set<String> rehanded = new HashSet<>();
        for (String url : urls) {
            Attempt a = attempts.get(url);
            if (a != null && a.drop(processor)) {
                start(a.task);
                rehanded.add(url);
            }
        }
        return rehanded;
    }

    @Override
    public void giveUp(Collection<String> urls) {
        for (String url : urls) {
            Attempt a = attempts.remove(url);
            if (a != null) {
                a.drop(processor);
            }
        }
    }

    /**
     * Waits up to {@code graceMillis} for running URLs; then abandons them: their HTTP calls are
     * cancelled (a blocking socket read ignores interrupts) and no result is delivered for them,
     * as the {@link BatchExecutor} contract says, rather than a made-up "cancelled" failure.
     */
    @Override
    public void shutdown(long graceMillis) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                abandoned = true;
                processor.close();
                threads.shutdownNow();
                threads.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            abandoned = true;
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            processor.close();
        }
    }
}
