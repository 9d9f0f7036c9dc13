package crawler.bench;

import crawler.frontier.Frontier;
import crawler.frontier.FrontierLimits;
import crawler.frontier.Politeness;
import crawler.frontier.PolitenessConfig;
import crawler.frontier.RobotsGate;
import crawler.frontier.Scope;
import crawler.frontier.Ticker;
import crawler.frontier.TrapGuard;
import crawler.resume.Journal;
import crawler.resume.RetryPolicy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A bounded benchmark (not a test): resuming from a large results file. Writes (once) a journal of
 * N result lines shaped like a crawl's: page i links to pages 2i+1 and 2i+2 (wrapping around), to
 * one page further off and to the start page, all done; every 1,000th page also links to one page
 * no line holds (work left undone), and every 10,000th line is a transient failure (tried again).
 * Then reads it back the way {@code crawl --resume} does ({@link Journal#read}, then marking the
 * done pages and offering their links to a frontier) and prints the time of each step and the
 * live heap after it (heap used after {@code System.gc()}).
 *
 * <p>Run (docs/memory.md): {@code java -XX:+UseSerialGC -cp <test classpath> crawler.bench.ResumeBench
 * [lines] [file] [depth|inf]} with the default heap. Bounded by the line count.
 */
public final class ResumeBench {

    private static final String HOST = "http://resume.test";

    private ResumeBench() {
    }

    public static void main(String[] args) throws IOException {
        long lines = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 5_000_000L;
        Path file = Path.of(args.length > 1 ? args[1] : "resume-bench.jsonl");
        int depth = args.length > 2 && !args[2].equals("inf") ? Integer.parseInt(args[2]) : FrontierLimits.UNLIMITED_DEPTH;
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            write(file, lines);
            System.out.printf(Locale.ROOT, "wrote %s: %,d lines, %.1f MB in %.1f s%n", file, lines,
                    Files.size(file) / 1e6, (System.nanoTime() - t) / 1e9);
        }
        long base = liveHeap();
        long t0 = System.nanoTime();
        Journal journal = Journal.read(file, depth != FrontierLimits.UNLIMITED_DEPTH, RetryPolicy.ONCE);
        long t1 = System.nanoTime();
        long afterRead = liveHeap();
        Frontier frontier = new Frontier(new FrontierLimits(depth, 0, 0), Scope.ofSeeds(List.of(HOST + "/"), List.of(),
                List.of()), TrapGuard.defaults(), RobotsGate.IGNORE,
                new Politeness(PolitenessConfig.unlimited(), Ticker.SYSTEM));
        journal.markDone(frontier);
        frontier.offer(HOST + "/", 0);
        journal.offerLinks(frontier);
        long t2 = System.nanoTime();
        long afterOffer = liveHeap();
        System.out.printf(Locale.ROOT, "journal: %,d done pages, %,d to try again, %,d whole lines%n",
                journal.donePages(), journal.retrying(), lines);
        System.out.printf(Locale.ROOT, "read (pass 1): %.1f s, live heap %.1f MB%n", (t1 - t0) / 1e9,
                (afterRead - base) / 1e6);
        System.out.printf(Locale.ROOT, "mark done + offer links (pass 2): %.1f s, live heap %.1f MB; %,d URLs queued%n",
                (t2 - t1) / 1e9, (afterOffer - base) / 1e6, frontier.queued());
        System.out.printf(Locale.ROOT, "max heap %.0f MB (the JVM's default unless -Xmx was given)%n",
                Runtime.getRuntime().maxMemory() / 1e6);
        if (frontier.queued() < 0 || journal.validBytes() < 0) {
            System.out.println(frontier + " " + journal);
        }
    }

    private static void write(Path file, long n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < n; i++) {
                int depth = 63 - Long.numberOfLeadingZeros(i + 1);
                String url = page(i);
                if (i > 0 && i % 10_000 == 0) {
                    w.write("{\"url\":\"" + url + "\",\"finalUrl\":\"" + url + "\",\"depth\":" + depth
                            + ",\"status\":0,\"links\":[],\"error\":{\"kind\":\"CONNECT\",\"message\":\"refused\"}}\n");
                    continue;
                }
                StringBuilder b = new StringBuilder(400);
                b.append("{\"url\":\"").append(url).append("\",\"finalUrl\":\"").append(url).append("\",\"depth\":")
                        .append(depth).append(",\"status\":200,\"contentType\":\"text/html\",\"bytes\":5120,")
                        .append("\"title\":\"Page ").append(i).append("\",\"links\":[\"")
                        .append(page((2 * i + 1) % n)).append("\",\"").append(page((2 * i + 2) % n)).append("\",\"")
                        .append(page((i * 7 + 3) % n)).append("\",\"").append(HOST).append("/\"");
                if (i % 1_000 == 999) {
                    b.append(",\"").append(HOST).append("/undone/").append(i).append(".html\"");
                }
                b.append("],\"fetchMillis\":3,\"pid\":1234,\"thread\":56,\"error\":null}\n");
                w.write(b.toString());
            }
        }
    }

    private static String page(long i) {
        return i == 0 ? HOST + "/" : HOST + "/section" + (i % 97) + "/page-" + i + ".html";
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
