package crawler.page;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The fetch threads every mode runs the unit on: the same pool and the same naming in the
 * crawler's own JVM (platform mode) and in each worker process, so that a comparison of the
 * modes never compares two kinds of pool.
 */
public final class FetchThreads {

    /**
     * Exit status of a process whose fetch thread died of an Error (an exhausted heap): its URL can
     * get no result and nothing in its heap can be trusted, so it halts; a worker is then replaced,
     * and a crawl in a thread mode stops, its results file still valid for {@code --resume}.
     */
    public static final int EXIT_THREAD_DIED = 70;

    private FetchThreads() {
    }

    /** Platform threads named {@code prefix0, prefix1, ...}, daemons, with {@code onDeath} as handler. */
    public static ThreadFactory platform(String prefix, Thread.UncaughtExceptionHandler onDeath) {
        return Thread.ofPlatform().name(prefix, 0).daemon(true).uncaughtExceptionHandler(onDeath).factory();
    }

    /**
     * A fixed pool of {@code size} threads from {@code threads}, started as work arrives, with an
     * unbounded queue: what {@code Executors.newFixedThreadPool} gives, except for the queue. A
     * {@link LinkedTransferQueue} hands each task straight to an idle thread and wakes that thread
     * from the submitting one. The JDK's {@code LinkedBlockingQueue} wakes only the first idle
     * thread, which wakes the next once it runs, and so on: a burst of C URLs reached the server one
     * scheduler hop apart, and with the CPU busy parsing, a pool of 256 never had 256 requests out.
     */
    public static ExecutorService pool(int size, ThreadFactory threads) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedTransferQueue<>(), threads);
    }
}
