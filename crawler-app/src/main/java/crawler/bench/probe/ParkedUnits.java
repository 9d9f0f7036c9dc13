package crawler.bench.probe;

import crawler.bench.run.ChildCrawl;
import crawler.bench.render.Fmt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What parked threads of one kind cost, apart from any crawl: a child JVM of their own
 * ({@link ParkedUnitsChild}, fixed 512 MiB heap) starts {@code count} threads, each
 * {@link ParkedUnitsChild#DEPTH} frames deep, and parks them; the bench reads the child's PSS and
 * RSS from /proc before and after, and the child reports its live heap after a full GC. A crawl's
 * peak memory also holds the pages in flight and whatever heap the JVM chose to grow; this holds
 * only the threads.
 *
 * <p>PSS counts heap pages that allocation touched, garbage included, so for virtual threads
 * (whose stacks live in the heap) it is an upper bound; the live heap is the lower one.
 *
 * @param kind        "virtual" or "platform"
 * @param count       threads asked for
 * @param parked      threads that reached the park (all of them, unless the child ran out of something)
 * @param pssDeltaKb  PSS after less PSS before, kB; -1 when /proc is missing
 * @param rssDeltaKb  RSS after less RSS before, kB; -1 when /proc is missing
 * @param heapDeltaKb live heap after less live heap before (both after a full GC), kB
 * @param baselinePssKb the child JVM's own PSS before any thread was started: what one more JVM
 *                    process at rest costs; -1 when /proc is missing
 * @param osThreadsDelta OS threads (thread ids under /proc/PID/task) after less before; -1 when
 *                    not read
 * @param carrierThreads OS threads named as the JDK names virtual threads' carriers
 *                    ({@code ForkJoinPool-*}) after the park; -1 when not read
 */
public record ParkedUnits(String kind, int count, int parked, long pssDeltaKb, long rssDeltaKb, long heapDeltaKb,
                          long baselinePssKb, int osThreadsDelta, int carrierThreads) {

    /** Parked threads without the JVM's own size and without OS thread ids. */
    public ParkedUnits(String kind, int count, int parked, long pssDeltaKb, long rssDeltaKb, long heapDeltaKb) {
        this(kind, count, parked, pssDeltaKb, rssDeltaKb, heapDeltaKb, -1, -1, -1);
    }

    /** Whether the OS thread ids were read. */
    public boolean osThreadsRead() {
        return osThreadsDelta >= 0;
    }

    /** How the JDK names the carrier threads of virtual threads (their default scheduler's workers), as /proc shows it. */
    public static final String CARRIER_PREFIX = "ForkJoinPool";

    /** The child's heap: fixed, so its growth policy does not enter the figures. */
    public static final String HEAP = "512m";

    /** PSS per parked thread, kB. */
    public double pssPerUnitKb() {
        return (double) pssDeltaKb / count;
    }

    /** Live heap per parked thread, kB. */
    public double heapPerUnitKb() {
        return (double) heapDeltaKb / count;
    }

    /** One line for the report, e.g. {@code 10,000 virtual threads parked: +31.2 MB PSS (3.2 kB each; live heap 1.9 kB each)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s threads parked: %s PSS (%s each; live heap %s each)%s", Fmt.integer(count),
                kind, Fmt.size(pssDeltaKb), Fmt.size(pssPerUnitKb()), Fmt.size(heapPerUnitKb()),
                parked == count ? "" : "; only " + Fmt.integer(parked) + " parked");
    }

    /**
     * Measures {@code count} parked threads of one kind in a child JVM.
     *
     * @param javaCommand {@code java} and the class path, as for every child of the bench
     */
    public static ParkedUnits measure(List<String> javaCommand, ProcFs proc, boolean virtual, int count)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.addAll(1, List.of("-Xms" + HEAP, "-Xmx" + HEAP));
        cmd.addAll(List.of(ParkedUnitsChild.class.getName(), virtual ? "virtual" : "platform", Integer.toString(count)));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reaper = ChildCrawl.addReaper(child);
        try (BufferedReader in = child.inputReader(StandardCharsets.UTF_8);
             Writer out = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            String[] baseline = expect(in, "baseline", child);
            long[] before = proc.memoryKb(child.pid());
            List<String> tasksBefore = proc.threadNames(child.pid());
            out.write("go\n");
            out.flush();
            String[] after = expect(in, "parked", child);
            long[] now = proc.memoryKb(child.pid());
            List<String> tasksAfter = proc.threadNames(child.pid());
            boolean measured = before != null && now != null;
            boolean tasks = !tasksBefore.isEmpty() && !tasksAfter.isEmpty();
            return new ParkedUnits(virtual ? "virtual" : "platform", count, Integer.parseInt(after[1]),
                    measured ? now[0] - before[0] : -1, measured ? now[1] - before[1] : -1,
                    Long.parseLong(after[2]) - Long.parseLong(baseline[1]), measured ? before[0] : -1,
                    tasks ? tasksAfter.size() - tasksBefore.size() : -1,
                    tasks ? (int) tasksAfter.stream().filter(n -> n.startsWith(CARRIER_PREFIX)).count() : -1);
        } finally {
            // Closing stdin released the threads; the child exits by itself.
            child.waitFor(10, TimeUnit.SECONDS);
            ChildCrawl.stop(child, reaper);
        }
    }

    /** The next line, split, which must start with {@code word}. */
    private static String[] expect(BufferedReader in, String word, Process child) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(word + " ")) {
                return line.split(" ");
            }
        }
        throw new IOException("the parked-threads child (pid " + child.pid() + ") ended before saying '" + word + "'");
    }
}
