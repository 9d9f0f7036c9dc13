package crawler.page;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The one wrapper every mode puts around the fetch-and-parse unit for each URL: the virtual and
 * platform thread pools of the crawler's own JVM and the fetch threads of a worker process call
 * {@link #process}, so every mode maps failures the same way and checks the same contract.
 *
 * <ul>
 *   <li>A {@link RuntimeException} from the unit breaks its contract (it reports page failures as
 *       results): the URL gets an {@link ErrorKind#IO} result saying so, and the log a line.</li>
 *   <li>A result for another URL, or none, is refused the same way: the coordinator matches
 *       results to URLs, and a mismatch would lose one URL and report another twice.</li>
 *   <li>An {@link Error} (an exhausted heap, a stack overflow) is where the modes really differ,
 *       which is the seed's claim 8: {@link OnError} says what this process does with it.</li>
 * </ul>
 */
public final class GuardedProcessor {

    /** What an {@link Error} thrown by the unit does. */
    public enum OnError {
        /**
         * Thread modes: the URL gets a {@link ErrorKind#WORKER_CRASH} result and the crawl goes on in
         * the same JVM, which the coordinator and every other fetch thread share.
         */
        RESULT,
        /**
         * Worker processes: the Error goes on up, the fetch thread dies and the process halts; the
         * coordinator hands the worker's URLs to another worker and charges this one an attempt.
         */
        PROPAGATE
    }

    private final PageProcessor unit;
    private final OnError onError;
    private final PrintStream log;

    /**
     * @param unit    the shared fetch-and-parse unit
     * @param onError what an Error thrown by the unit does in this process
     * @param log     where broken contracts are reported (stderr)
     */
    public GuardedProcessor(PageProcessor unit, OnError onError, PrintStream log) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Exactly one result for {@code task}'s URL, whatever the unit does (but an Error under PROPAGATE). */
    public PageResult process(PageTask task) {
        PageResult result;
        try {
            result = unit.process(task);
        } catch (RuntimeException e) {
            log.println("crawler: the fetch unit threw on " + task.url() + ": " + e);
            return failed(task, ErrorKind.IO, "fetch unit failed: " + e);
        } catch (Error e) {
            if (onError == OnError.PROPAGATE) {
                throw e;
            }
            String thread = Thread.currentThread().getName();
            log.println("crawler: fetch thread " + thread + " hit " + e + " on " + task.url()
                    + "; in thread mode it shares this JVM with every other fetch thread and the coordinator");
            return failed(task, ErrorKind.WORKER_CRASH, "fetch thread " + thread + " died of " + e
                    + " (thread mode: inside the crawler's own JVM)");
        }
        if (result == null || !task.url().equals(result.url())) {
            String got = result == null ? "null" : "a result for " + result.url();
            log.println("crawler: the fetch unit returned " + got + " when asked for " + task.url());
            return failed(task, ErrorKind.IO, "fetch unit returned " + got);
        }
        return result;
    }

    private static PageResult failed(PageTask task, ErrorKind kind, String message) {
        return PageResult.failed(task, new PageError(kind, message)).ranByThisThread();
    }
}
