package crawler.exec;

import crawler.worker.Worker;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one place that creates the crawler's threads. Every thread is named after its role, so
 * results and thread dumps say which substrate ran a page, and every thread reports an uncaught
 * exception instead of dying silently. A fetch thread that dies of an Error halts the JVM.
 */
public final class Threads {

    private static final Thread.UncaughtExceptionHandler REPORT = (t, e) -> {
        System.err.println("crawler: thread " + t.getName() + " died: " + e);
        e.printStackTrace(System.err);
    };

    /**
     * For fetch threads. {@link ThreadExecutor} turns whatever a task throws into a result, so a
     * throwable that still gets here broke that: typically an OutOfMemoryError while building or
     * delivering the result, the heap being exhausted. The URL can then never get its result and
     * the crawl would wait forever; and in the thread modes that heap is also the coordinator's,
     * so nothing in this JVM can be trusted. Like a worker process in the same state, the JVM
     * halts with {@link Worker#EXIT_THREAD_DIED}, after saying why if it still can.
     */
    private static final Thread.UncaughtExceptionHandler HALT_ON_ERROR = (t, e) -> {
        if (!(e instanceof Error)) {
            REPORT.uncaughtException(t, e);
            return;
        }
        try {
            System.err.println("crawler: fetch thread " + t.getName() + " died of " + e + " and its URL cannot get a"
                    + " result; this JVM's heap is shared by the coordinator and every fetch thread, so the crawl"
                    + " stops here (exit status " + Worker.EXIT_THREAD_DIED + ")");
            System.err.flush();
        } catch (Throwable cannotSayMore) {
            sayLastWords();
        } finally {
            Runtime.getRuntime().halt(Worker.EXIT_THREAD_DIED);
        }
    };

    /**
     * Encoded and opened when this class loads, before any fetch thread exists, so that it can be
     * written with the heap exhausted (writing a byte array to a file stream allocates nothing).
     */
    private static final byte[] LAST_WORDS = ("\ncrawler: a fetch thread died of an Error and there was not even"
            + " memory left to say which; the heap is shared by the coordinator and every fetch thread, so the"
            + " crawl stops here (exit status " + Worker.EXIT_THREAD_DIED + ")\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final java.io.FileOutputStream RAW_STDERR = new java.io.FileOutputStream(java.io.FileDescriptor.err);

    private static void sayLastWords() {
        try {
            RAW_STDERR.write(LAST_WORDS);
        } catch (Throwable ignored) {
            // Nothing left to report with; the exit status still says it.
        }
    }

    private Threads() {
    }

    /** Virtual fetch threads: fetch-v-0, fetch-v-1, ... */
    public static ThreadFactory virtualFetchThreads() {
        return Thread.ofVirtual().name("fetch-v-", 0).uncaughtExceptionHandler(HALT_ON_ERROR).factory();
    }

    /** Platform fetch threads: fetch-p-0, fetch-p-1, ... */
    public static ThreadFactory platformFetchThreads() {
        return Thread.ofPlatform().name("fetch-p-", 0).daemon(true).uncaughtExceptionHandler(HALT_ON_ERROR).factory();
    }

    /**
     * A fixed pool of {@code size} platform fetch threads, started as work arrives, with an
     * unbounded queue: what {@code Executors.newFixedThreadPool} gives, except for the queue. A
     * {@link LinkedTransferQueue} hands each task straight to an idle thread and wakes that thread
     * from the submitting one. The JDK's {@code LinkedBlockingQueue} wakes only the first idle
     * thread, which wakes the next once it runs, and so on: a burst of C URLs reached the server one
     * scheduler hop apart, and with the CPU busy parsing, a pool of 256 never had 256 requests out.
     */
    public static ExecutorService platformPool(int size) {
        return platformPool(size, platformFetchThreads());
    }

    /** The same pool with other threads (a worker process names its own). */
    public static ExecutorService platformPool(int size, ThreadFactory threads) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedTransferQueue<>(), threads);
    }

    /** A named daemon platform thread for the coordinator's own housekeeping (progress, pipes). */
    public static Thread daemon(String name, Runnable body) {
        return Thread.ofPlatform().name(name).daemon(true).uncaughtExceptionHandler(REPORT).unstarted(body);
    }
}
