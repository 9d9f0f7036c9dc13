package crawler.bench.probe;

import crawler.parse.CpuWork;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A child JVM of {@link CpuScaling}: does CPU-bound work on the bench's word, on as many platform
 * threads as asked, with no network and nothing else running in it. The work is the crawl's own
 * per-page work ({@link CpuWork}: chained SHA-256 rounds) over a fixed 5 KiB body.
 *
 * <p>The conversation, one line at a time: {@code calibrate MILLIS} warms the code up, then
 * answers {@code rounds N}, the rounds one thread does in about MILLIS; {@code warm MILLIS} only
 * warms up and answers {@code warm}; {@code run K N} starts K threads that each do N rounds and
 * answers {@code done PID THREADS} once all have ended (THREADS: the distinct threads that did
 * work). End of stdin ends the child.
 */
public final class CpuUnitChild {

    /** Rounds timed at once while warming up and calibrating. */
    static final int CHUNK = 200;

    private CpuUnitChild() {
    }

    public static void main(String[] args) throws Exception {
        byte[] body = body();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "calibrate" -> out.println("rounds " + calibrate(body, Long.parseLong(f[1])));
                case "warm" -> {
                    warm(body, Long.parseLong(f[1]));
                    out.println("warm");
                }
                case "run" -> out.println("done " + ProcessHandle.current().pid() + " "
                        + run(body, Integer.parseInt(f[1]), Integer.parseInt(f[2])));
                default -> throw new IllegalArgumentException("unknown command: " + line);
            }
        }
    }

    /** The same 5 KiB for every unit and every run. */
    static byte[] body() {
        byte[] b = new byte[5 * 1024];
        new Random(5).nextBytes(b);
        return b;
    }

    /** Runs the work for about {@code millis}, so the JIT has compiled it before anything is timed. */
    static void warm(byte[] body, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            CpuWork.run(body, CHUNK);
        }
    }

    /** Rounds one warm thread does in about {@code millis}. */
    static int calibrate(byte[] body, long millis) {
        warm(body, 300);
        long t0 = System.nanoTime();
        int chunks = 0;
        while (System.nanoTime() - t0 < 200_000_000L) {
            CpuWork.run(body, CHUNK);
            chunks++;
        }
        double nanosPerRound = (System.nanoTime() - t0) / (double) (chunks * CHUNK);
        return (int) Math.max(1, Math.round(millis * 1e6 / nanosPerRound));
    }

    /** {@code threads} platform threads each do {@code rounds} rounds; returns how many distinct threads worked. */
    static int run(byte[] body, int threads, int rounds) throws InterruptedException {
        Set<Long> workers = ConcurrentHashMap.newKeySet();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            started.add(Thread.ofPlatform().name("cpu-unit-" + i).start(() -> {
                workers.add(Thread.currentThread().threadId());
                CpuWork.run(body, rounds);
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        return workers.size();
    }
}
