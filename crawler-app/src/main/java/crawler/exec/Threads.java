package crawler.exec;

import crawler.page.FetchThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

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
     * halts with {@link FetchThreads#EXIT_THREAD_DIED}, after saying why if it still can.
     */
    private static final Thread.UncaughtExceptionHandler HALT_ON_ERROR = (t, e) -> {
        if (!(e instanceof Error)) {
            REPORT.uncaughtException(t, e);
            return;
        }
        try {
            System.err.println("crawler: fetch thread " + t.getName() + " died of " + e + " and its URL cannot get a"
                    + " result; this JVM's heap is shared by the coordinator and every fetch thread, so the crawl"
                    + " stops here (exit status " + FetchThreads.EXIT_THREAD_DIED + ")");
            System.err.flush();
        } catch (Throwable cannotSayMore) {
            sayLastWords();
        } finally {
            Runtime.getRuntime().halt(FetchThreads.EXIT_THREAD_DIED);
        }
    };

    /**
     * Encoded and opened when this class loads, before any fetch thread exists, so that it can be
     * written with the heap exhausted (writing a byte array to a file stream allocates nothing).
     */
    private static final byte[] LAST_WORDS = ("\ncrawler: a fetch thread died of an Error and there was not even"
            + " memory left to say which; the heap is shared by the coordinator and every fetch thread, so the"
            + " crawl stops here (exit status " + FetchThreads.EXIT_THREAD_DIED + ")\n")
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
        return FetchThreads.platform("fetch-p-", HALT_ON_ERROR);
    }

    /** A fixed pool of {@code size} platform fetch threads: {@link FetchThreads#pool}, as workers have it. */
    public static ExecutorService platformPool(int size) {
        return FetchThreads.pool(size, platformFetchThreads());
    }

    /** A named daemon platform thread for the coordinator's own housekeeping (progress, pipes). */
    public static Thread daemon(String name, Runnable body) {
        return Thread.ofPlatform().name(name).daemon(true).uncaughtExceptionHandler(REPORT).unstarted(body);
    }
}
