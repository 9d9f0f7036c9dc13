package crawler.bench.run;

import crawler.bench.plan.Cell;
import crawler.bench.probe.TreeUsage;

import java.util.List;
import java.util.Objects;

/**
 * One measured crawl (one repetition of a cell), as read back from the child's summary, its
 * results file and the probe.
 *
 * @param cell                the cell it belongs to
 * @param repeat              1-based repetition number
 * @param failure             why the run does not count (non-zero exit, time limit, wrong URL set), or null
 * @param wallMillis          the summary's wall time: first URL handed out to last result
 * @param childMillis         what the run cost the bench: spawn to exit of its child JVM when cold;
 *                            from the bench's go to the child's done in a warm session
 * @param pages               results written
 * @param errors              results with an error
 * @param urlCount            distinct URLs in the results file
 * @param urlSetDigest        SHA-256 (hex, 16 chars) of the sorted URL set
 * @param pids                processes that fetched pages
 * @param fetchThreads        distinct threads that fetched pages, over all processes
 * @param workerStartupMillis spawn-to-hello of each worker JVM (process mode), else empty
 * @param usage               what the process-tree probe saw
 * @param workerDeaths        worker processes that died holding work (process mode)
 * @param requeued            URLs handed out again after their worker died
 * @param pinningEvents       JFR {@code jdk.VirtualThreadPinned} events in the crawl's JVM; -1 when not
 *                            recorded (recording off, or no recording file)
 * @param workerFirstResultMillis spawn to first result of each worker JVM that delivered one (process
 *                            mode), else empty
 * @param peakInFlight        the most requests the fixture site held at once during the run, counted by
 *                            the site itself; -1 when not measured (a user's site)
 * @param memberPages         cluster mode: pages each member delivered, most first (how evenly hashing
 *                            the hosts shared the work out); empty in the other modes
 */
public record RunResult(Cell cell, int repeat, String failure, long wallMillis, long childMillis, long pages,
                        long errors, int urlCount, String urlSetDigest, int pids, int fetchThreads,
                        List<Long> workerStartupMillis, TreeUsage usage, int workerDeaths, long requeued,
                        long pinningEvents, List<Long> workerFirstResultMillis, int peakInFlight,
                        List<Long> memberPages) {

    /** A run with no cluster members. */
    public RunResult(Cell cell, int repeat, String failure, long wallMillis, long childMillis, long pages,
                     long errors, int urlCount, String urlSetDigest, int pids, int fetchThreads,
                     List<Long> workerStartupMillis, TreeUsage usage, int workerDeaths, long requeued,
                     long pinningEvents, List<Long> workerFirstResultMillis, int peakInFlight) {
        this(cell, repeat, failure, wallMillis, childMillis, pages, errors, urlCount, urlSetDigest, pids, fetchThreads,
                workerStartupMillis, usage, workerDeaths, requeued, pinningEvents, workerFirstResultMillis, peakInFlight,
                List.of());
    }

    /** A run whose workers' first results and requests in flight were not recorded. */
    public RunResult(Cell cell, int repeat, String failure, long wallMillis, long childMillis, long pages,
                     long errors, int urlCount, String urlSetDigest, int pids, int fetchThreads,
                     List<Long> workerStartupMillis, TreeUsage usage, int workerDeaths, long requeued,
                     long pinningEvents) {
        this(cell, repeat, failure, wallMillis, childMillis, pages, errors, urlCount, urlSetDigest, pids, fetchThreads,
                workerStartupMillis, usage, workerDeaths, requeued, pinningEvents, List.of(), -1);
    }

    /** A run without worker deaths and without a pinning recording. */
    public RunResult(Cell cell, int repeat, String failure, long wallMillis, long childMillis, long pages, long errors,
                     int urlCount, String urlSetDigest, int pids, int fetchThreads, List<Long> workerStartupMillis,
                     TreeUsage usage) {
        this(cell, repeat, failure, wallMillis, childMillis, pages, errors, urlCount, urlSetDigest, pids, fetchThreads,
                workerStartupMillis, usage, 0, 0, -1);
    }

    public RunResult {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(urlSetDigest, "urlSetDigest");
        Objects.requireNonNull(usage, "usage");
        workerStartupMillis = List.copyOf(workerStartupMillis);
        workerFirstResultMillis = List.copyOf(workerFirstResultMillis);
        memberPages = List.copyOf(memberPages);
    }

    public boolean failed() {
        return failure != null;
    }

    /** Pages per second of wall time; 0 when nothing was timed. */
    public double pagesPerSecond() {
        return wallMillis <= 0 ? 0 : pages * 1000.0 / wallMillis;
    }

    public RunResult withFailure(String why) {
        return new RunResult(cell, repeat, why, wallMillis, childMillis, pages, errors, urlCount, urlSetDigest, pids,
                fetchThreads, workerStartupMillis, usage, workerDeaths, requeued, pinningEvents,
                workerFirstResultMillis, peakInFlight, memberPages);
    }

    public RunResult withWorkerStartupMillis(List<Long> startups) {
        return new RunResult(cell, repeat, failure, wallMillis, childMillis, pages, errors, urlCount, urlSetDigest, pids,
                fetchThreads, startups, usage, workerDeaths, requeued, pinningEvents,
                workerFirstResultMillis, peakInFlight, memberPages);
    }

    public RunResult withPinningEvents(long n) {
        return new RunResult(cell, repeat, failure, wallMillis, childMillis, pages, errors, urlCount, urlSetDigest, pids,
                fetchThreads, workerStartupMillis, usage, workerDeaths, requeued, n,
                workerFirstResultMillis, peakInFlight, memberPages);
    }

    public RunResult withPeakInFlight(int peak) {
        return new RunResult(cell, repeat, failure, wallMillis, childMillis, pages, errors, urlCount, urlSetDigest, pids,
                fetchThreads, workerStartupMillis, usage, workerDeaths, requeued, pinningEvents,
                workerFirstResultMillis, peak, memberPages);
    }
}
