package crawler.bench.probe;


import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link ParkedUnits}: starts N threads of one kind, each a few frames deep
 * (as a fetch is), and parks them all, so the bench can read what they cost from outside.
 *
 * <p>The conversation, one line each way: this JVM prints {@code baseline HEAP_KB} (live heap
 * after a full GC); the bench reads /proc and answers {@code go}; this JVM starts the threads,
 * waits until every one is parked, and prints {@code parked N HEAP_KB}; the bench reads /proc
 * again and closes stdin, and this JVM exits.
 */
public final class ParkedUnitsChild {

    /** Frames each thread goes down before it parks. */
    public static final int DEPTH = 16;

    private ParkedUnitsChild() {
    }

    /** Arguments: {@code virtual|platform COUNT}. */
    public static void main(String[] args) throws Exception {
        boolean virtual = args[0].equals("virtual");
        int count = Integer.parseInt(args[1]);
        BufferedReader bench = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("baseline " + liveHeapKb());
        System.out.flush();
        if (!"go".equals(bench.readLine())) {
            return;
        }
        CountDownLatch parked = new CountDownLatch(count);
        CountDownLatch release = new CountDownLatch(1);
        Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
        for (int i = 0; i < count; i++) {
            builder.start(() -> descend(DEPTH, parked, release));
        }
        boolean all = parked.await(60, TimeUnit.SECONDS);
        System.out.println("parked " + (all ? count : count - parked.getCount()) + " " + liveHeapKb());
        System.out.flush();
        bench.readLine();
        release.countDown();
    }

    /** Goes {@code depth} frames down, then says it is parked and waits for the release. */
    private static int descend(int depth, CountDownLatch parked, CountDownLatch release) {
        if (depth > 0) {
            return descend(depth - 1, parked, release) + 1;
        }
        parked.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static long liveHeapKb() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }
}
