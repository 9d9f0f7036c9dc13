package crawler.coord;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Batch;
import crawler.exec.BatchExecutor;
import crawler.exec.ResultListener;
import crawler.frontier.Frontier;
import crawler.frontier.FrontierLimits;
import crawler.frontier.Politeness;
import crawler.frontier.PolitenessConfig;
import crawler.frontier.RobotsGate;
import crawler.frontier.Scope;
import crawler.frontier.Ticker;
import crawler.frontier.TrapGuard;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.report.CrawlSummary;
import crawler.report.ResultSink;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The coordinator against a scripted executor: a binary tree of pages on two hosts, completed by
 * a background thread in the order they were handed out. Checks the limits the coordinator
 * promises for every mode: in flight never above the concurrency, batches never above the batch
 * size, per-host in flight never above the politeness limit, and every page exactly once.
 */
class CoordinatorTest {

    private static final int PAGES = 300;

    /** Page i links to 2i+1 and 2i+2 on alternating hosts, so the crawl is a wide binary tree. */
    private static String url(int i) {
        return "http://" + (i % 2 == 0 ? "a" : "b") + ".test/p" + i;
    }

    private static int treeLevel(String url) {
        int i = Integer.parseInt(url.substring(url.lastIndexOf('p') + 1));
        return 31 - Integer.numberOfLeadingZeros(i + 1);
    }

    private static List<String> linksOf(String url) {
        int i = Integer.parseInt(url.substring(url.lastIndexOf('p') + 1));
        List<String> links = new ArrayList<>();
        for (int child : new int[] {2 * i + 1, 2 * i + 2}) {
            if (child < PAGES) {
                links.add(url(child));
            }
        }
        links.add("http://elsewhere.test/x"); // out of scope: must be dropped from the result
        return links;
    }

    /** Completes tasks on its own thread, first handed out first done, recording what it saw. */
    private static final class ScriptedExecutor implements BatchExecutor {
        final BlockingQueue<PageTask> work = new LinkedBlockingQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final Map<String, AtomicInteger> inFlightPerHost = Collections.synchronizedMap(new HashMap<>());
        volatile int maxInFlight;
        volatile int maxPerHost;
        volatile int maxBatch;
        final Thread worker;

        ScriptedExecutor(ResultListener listener) {
            worker = new Thread(() -> {
                try {
                    while (true) {
                        PageTask t = work.take();
                        AtomicInteger host = inFlightPerHost.get(host(t.url()));
                        host.decrementAndGet();
                        inFlight.decrementAndGet();
                        listener.onResult(new PageResult(t.url(), t.url(), t.depth(), 200, "text/html", 10, "t",
                                linksOf(t.url()), null, 0, 0, 1, null, 1, 1, "scripted", false, null));
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }, "scripted-executor");
            worker.setDaemon(true);
            worker.start();
        }

        private static String host(String url) {
            return url.substring(7, url.indexOf('/', 7));
        }

        @Override
        public synchronized void submit(Batch batch) {
            maxBatch = Math.max(maxBatch, batch.tasks().size());
            for (PageTask t : batch.tasks()) {
                maxInFlight = Math.max(maxInFlight, inFlight.incrementAndGet());
                int h = inFlightPerHost.computeIfAbsent(host(t.url()), k -> new AtomicInteger()).incrementAndGet();
                maxPerHost = Math.max(maxPerHost, h);
                work.add(t);
            }
        }

        @Override
        public void shutdown(long graceMillis) {
            worker.interrupt();
        }
    }

    @Test
    void everyPageOnce_withinConcurrencyBatchAndPerHostLimits() {
        Scope scope = new Scope(java.util.Set.of("a.test:80", "b.test:80"), List.of(), List.of());
        Frontier frontier = new Frontier(new FrontierLimits(20, 0, 0), scope, TrapGuard.defaults(), RobotsGate.IGNORE,
                new Politeness(new PolitenessConfig(3, Duration.ZERO, false, Duration.ZERO), Ticker.SYSTEM));
        frontier.offer(url(0), 0);
        List<PageResult> written = Collections.synchronizedList(new ArrayList<>());
        ResultSink sink = ResultSink.of(written::add);
        Coordinator coordinator = new Coordinator(frontier,
                new CrawlLimits(5, 2, Duration.ofMinutes(1), Duration.ofSeconds(30)), sink, Ticker.SYSTEM,
                new PrintStream(OutputStream.nullOutputStream()), 0);
        ScriptedExecutor[] executor = new ScriptedExecutor[1];

        CrawlSummary summary = coordinator.run(l -> executor[0] = new ScriptedExecutor(l), new CrawlRun(crawler.exec.Mode.VIRTUAL, 0, false));

        assertThat(summary.stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
        assertThat(written).extracting(PageResult::url).doesNotHaveDuplicates().hasSize(PAGES);
        assertThat(written).allSatisfy(r -> assertThat(r.links()).noneMatch(l -> l.contains("elsewhere")));
        assertThat(executor[0].maxInFlight).isLessThanOrEqualTo(5);
        assertThat(executor[0].maxBatch).isLessThanOrEqualTo(2);
        assertThat(executor[0].maxPerHost).isLessThanOrEqualTo(3);
        assertThat(written).as("each page at its level of the tree, its shortest link distance")
                .allSatisfy(r -> assertThat(r.depth()).isEqualTo(treeLevel(r.url())));
    }

    @Test
    void politenessThatHoldsUrlsBackFromFreeSlots_isSaidOnce_onStderrAndInTheSummary() {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        CrawlSummary summary = crawlScripted(new PolitenessConfig(1, Duration.ZERO, false, Duration.ZERO), log);

        String note = summary.politenessNote();
        assertThat(note).contains("not --concurrency 5").contains("allowed 1 requests in flight (--host-concurrency)")
                .contains("--host-concurrency 0 --host-delay 0");
        String printed = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(printed).containsOnlyOnce("per-host politeness").contains(note);
        assertThat(summary.pages()).isEqualTo(PAGES);
    }

    @Test
    void politenessThatNeverHoldsAUrlBack_isNotMentioned() {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        CrawlSummary summary = crawlScripted(PolitenessConfig.unlimited(), log);

        assertThat(summary.politenessNote()).isNull();
        assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("politeness");
        assertThat(summary.pages()).isEqualTo(PAGES);
    }

    private static CrawlSummary crawlScripted(PolitenessConfig politeness, OutputStream log) {
        Scope scope = new Scope(java.util.Set.of("a.test:80", "b.test:80"), List.of(), List.of());
        Frontier frontier = new Frontier(new FrontierLimits(20, 0, 0), scope, TrapGuard.defaults(), RobotsGate.IGNORE,
                new Politeness(politeness, Ticker.SYSTEM));
        frontier.offer(url(0), 0);
        Coordinator coordinator = new Coordinator(frontier,
                new CrawlLimits(5, 2, Duration.ofMinutes(1), Duration.ofSeconds(30)), ResultSink.DISCARD, Ticker.SYSTEM,
                new PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8), 0);
        return coordinator.run(ScriptedExecutor::new, new CrawlRun(crawler.exec.Mode.VIRTUAL, 0, false));
    }

    @Test
    void wallTime_includesTheFirstHandOut_whereAPoolStartsItsThreads() {
        Scope scope = new Scope(java.util.Set.of("a.test:80"), List.of(), List.of());
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        Ticker clock = now::get;
        Frontier frontier = new Frontier(new FrontierLimits(0, 0, 0), scope, TrapGuard.defaults(), RobotsGate.IGNORE,
                new Politeness(PolitenessConfig.unlimited(), clock));
        frontier.offer("http://a.test/p0", 0);
        Coordinator coordinator = new Coordinator(frontier,
                new CrawlLimits(5, 2, Duration.ofMinutes(1), Duration.ofSeconds(30)), ResultSink.DISCARD, clock, new PrintStream(OutputStream.nullOutputStream()), 0);

        // The first submit takes 5 s (as starting a thousand platform threads can on a busy machine),
        // then the page completes at once.
        CrawlSummary summary = coordinator.run(listener -> new BatchExecutor() {
            @Override
            public void submit(Batch batch) {
                now.addAndGet(Duration.ofSeconds(5).toNanos());
                for (PageTask t : batch.tasks()) {
                    listener.onResult(new PageResult(t.url(), t.url(), t.depth(), 200, "text/html", 10, "t", List.of(),
                            null, 0, 0, 1, null, 1, 1, "scripted", false, null));
                }
            }

            @Override
            public void shutdown(long graceMillis) {
            }
        }, new CrawlRun(crawler.exec.Mode.VIRTUAL, 0, false));

        assertThat(summary.stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
        assertThat(summary.wallMillis()).isEqualTo(5_000);
    }
}
