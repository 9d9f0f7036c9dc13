package crawler.bench.probe;

import crawler.bench.run.CellResult;

/**
 * Start-up cost of one unit of concurrency, measured inside the bench JVM: start a thread that
 * does nothing and wait for it to finish, many times, and divide. The worker JVM's cost comes
 * from the crawls (spawn to hello, plus the first page), see {@link CellResult#workerStartupMillis()}.
 *
 * @param threads          how many threads of each kind were started
 * @param platformMicros   mean microseconds to start and join one platform thread
 * @param virtualMicros    mean microseconds to start and join one virtual thread
 */
public record UnitStartup(int threads, double platformMicros, double virtualMicros) {

    public static final UnitStartup NOT_MEASURED = new UnitStartup(0, Double.NaN, Double.NaN);

    /** Measures with {@code n} threads of each kind, after a warm-up round of the same size. */
    public static UnitStartup measure(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        time(n, false);
        time(n, true);
        return new UnitStartup(n, time(n, false), time(n, true));
    }

    private static double time(int n, boolean virtual) {
        Thread.Builder builder = virtual ? Thread.ofVirtual().name("bench-unit-v-", 0) : Thread.ofPlatform().name("bench-unit-p-", 0);
        Thread[] started = new Thread[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            started[i] = builder.start(() -> { });
        }
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }
        return (System.nanoTime() - t0) / 1000.0 / n;
    }
}
