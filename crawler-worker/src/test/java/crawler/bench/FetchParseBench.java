package crawler.bench;

import crawler.fetch.FetchConfig;
import crawler.fetch.FetchOutcome;
import crawler.fetch.Fetcher;
import crawler.fetch.HttpPageProcessor;
import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.parse.PageParser;
import crawler.url.UrlNormalizer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded benchmark (not a test): per-page CPU time and allocation of fetch+parse on the calling
 * thread against the fixture site, and single-thread jsoup parse throughput (MB per CPU-second).
 *
 * <p>Run: {@code java -cp <test classpath> crawler.bench.FetchParseBench [pages] [rounds]}. The fixture
 * server runs in the same JVM, but only the calling thread's CPU and allocation are counted.
 * Every loop is bounded by a round count and a 60 s wall-time cap.
 */
public final class FetchParseBench {

    private static final long WALL_CAP_NANOS = 60_000_000_000L;

    private FetchParseBench() {
    }

    public static void main(String[] args) {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        FetchConfig config = FetchConfig.defaults().withMaxIdleConnections(4);

        try (FixtureServer server = FixtureServer.start(SiteSpec.defaults().withPages(pages).withFaults(false));
             HttpPageProcessor processor = new HttpPageProcessor(config)) {
            List<ExpectedPage> site = new ArrayList<>(server.manifest().reachable(100).values());
            System.out.printf("site: %d reachable pages (spec %s)%n", site.size(), server.spec());

            long start = System.nanoTime();
            long[] cpu = new long[rounds];
            long[] alloc = new long[rounds];
            long bytes = 0;
            int measuredRounds = 0;
            for (int r = 0; r < rounds && System.nanoTime() - start < WALL_CAP_NANOS; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long a0 = threads.getThreadAllocatedBytes(tid);
                for (ExpectedPage p : site) {
                    PageResult res = processor.process(new PageTask(p.url(), p.depth()));
                    bytes += res.bytes();
                }
                cpu[r] = threads.getCurrentThreadCpuTime() - c0;
                alloc[r] = threads.getThreadAllocatedBytes(tid) - a0;
                measuredRounds++;
            }
            // First half is warm-up; report the median of the second half.
            long[] warmCpu = Arrays.copyOfRange(cpu, measuredRounds / 2, measuredRounds);
            long[] warmAlloc = Arrays.copyOfRange(alloc, measuredRounds / 2, measuredRounds);
            Arrays.sort(warmCpu);
            Arrays.sort(warmAlloc);
            double n = site.size();
            System.out.printf("fetch+parse per page (median of %d warm rounds): CPU %.1f us, alloc %.1f KiB,"
                            + " avg body %.1f KiB%n", warmCpu.length, warmCpu[warmCpu.length / 2] / n / 1e3,
                    warmAlloc[warmAlloc.length / 2] / n / 1024, bytes / (double) measuredRounds / n / 1024);

            parseThroughput(server, site, config, threads, tid);
        }
    }

    private static void parseThroughput(FixtureServer server, List<ExpectedPage> site, FetchConfig config,
                                        com.sun.management.ThreadMXBean threads, long tid) {
        List<byte[]> bodies = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        try (Fetcher fetcher = new Fetcher(config)) {
            for (ExpectedPage p : site) {
                if (fetcher.fetch(p.url()) instanceof FetchOutcome.Fetched f && f.body() != null) {
                    bodies.add(f.body());
                    urls.add(f.finalUrl());
                }
            }
        }
        PageParser parser = new PageParser(new UrlNormalizer(), false);
        long total = bodies.stream().mapToLong(b -> b.length).sum();
        long start = System.nanoTime();
        double best = 0;
        for (int r = 0; r < 30 && System.nanoTime() - start < WALL_CAP_NANOS; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long a0 = threads.getThreadAllocatedBytes(tid);
            int links = 0;
            for (int i = 0; i < bodies.size(); i++) {
                links += parser.parse(bodies.get(i), null, urls.get(i)).links().size();
            }
            long cpuNs = threads.getCurrentThreadCpuTime() - c0;
            long allocB = threads.getThreadAllocatedBytes(tid) - a0;
            double mbPerCpuS = total / 1e6 / (cpuNs / 1e9);
            best = Math.max(best, mbPerCpuS);
            if (r == 29 || System.nanoTime() - start >= WALL_CAP_NANOS) {
                System.out.printf("parse only, last round: %d pages, %.2f MB, %d links, %.1f us CPU/page,"
                                + " %.1f KiB alloc/page, %.1f MB per CPU-second (best round %.1f)%n",
                        bodies.size(), total / 1e6, links, cpuNs / 1e3 / bodies.size(),
                        allocB / 1024.0 / bodies.size(), mbPerCpuS, best);
            }
        }
    }
}
