package crawler.exec;

import java.util.concurrent.ThreadFactory;

/**
 * The one place that creates the crawler's threads. Every thread is named after its role, so
 * results and thread dumps say which substrate ran a page, and every thread reports an uncaught
 * exception instead of dying silently.
 */
public final class Threads {

    private static final Thread.UncaughtExceptionHandler REPORT = (t, e) -> {
        System.err.println("crawler: thread " + t.getName() + " died: " + e);
        e.printStackTrace(System.err);
    };

    private Threads() {
    }

    /** Virtual fetch threads: fetch-v-0, fetch-v-1, ... */
    public static ThreadFactory virtualFetchThreads() {
        return Thread.ofVirtual().name("fetch-v-", 0).uncaughtExceptionHandler(REPORT).factory();
    }

    /** Platform fetch threads: fetch-p-0, fetch-p-1, ... */
    public static ThreadFactory platformFetchThreads() {
        return Thread.ofPlatform().name("fetch-p-", 0).daemon(true).uncaughtExceptionHandler(REPORT).factory();
    }

    /** A named daemon platform thread for the coordinator's own housekeeping (progress, pipes). */
    public static Thread daemon(String name, Runnable body) {
        return Thread.ofPlatform().name(name).daemon(true).uncaughtExceptionHandler(REPORT).unstarted(body);
    }
}
