package crawler.bench.run;

import crawler.bench.plan.Cell;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The bench's progress lines: one per measured run or skipped run, counted against the runs
 * planned, e.g. {@code [4/30   12s] io      virtual    c=10     latency 100 ms, 20 pages: 20 pages in 0.29 s}.
 *
 * <p>Not thread-safe: the bench runs one crawl at a time.
 */
final class RunProgress {

    private final int total;
    private final long start;
    private final Consumer<String> say;
    private int done;

    /** @param start the bench's start, {@link System#nanoTime()} */
    RunProgress(int total, long start, Consumer<String> say) {
        this.total = total;
        this.start = start;
        this.say = say;
    }

    void ran(RunResult r) {
        done++;
        say.accept(line(r.cell(), r.failed() ? "FAILED " + r.failure()
                : String.format(Locale.ROOT, "%d pages in %.2f s", r.pages(), r.wallMillis() / 1000.0)));
    }

    void skip(Cell cell, int runs, String why) {
        if (runs > 0) {
            done += runs;
            say.accept(line(cell, why + (runs > 1 ? " (" + runs + " runs)" : "")));
        }
    }

    private String line(Cell cell, String what) {
        return String.format(Locale.ROOT, "[%d/%d %4.0fs] %-7s %-10s c=%-6d %s: %s", done, total,
                (System.nanoTime() - start) / 1e9, cell.workload().label(), cell.substrate().label(),
                cell.concurrency(), detail(cell), what);
    }

    private static String detail(Cell cell) {
        return switch (cell.workload()) {
            case IO, HOSTS, LATENCY -> "latency " + cell.latencyMillis() + " ms, " + cell.pages() + " pages";
            case CPU -> "cpu-work " + cell.cpuWork() + ", " + cell.pages() + " pages";
            case BATCH -> "batch " + cell.batchSize() + ", " + cell.pages() + " pages";
            case STARTUP -> "one page";
            case CHAOS -> "kill a worker every " + cell.killWorkerEvery() + " results, " + cell.pages() + " pages";
        };
    }
}
