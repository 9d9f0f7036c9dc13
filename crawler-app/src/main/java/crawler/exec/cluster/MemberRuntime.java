package crawler.exec.cluster;

import crawler.chaos.ChaosProcessor;
import crawler.fetch.FetchConfig;
import crawler.fetch.HttpPageProcessor;
import crawler.page.PageProcessor;
import crawler.protocol.Codec;
import crawler.protocol.MalformedMessageException;
import crawler.protocol.ToWorker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What one data member holds for the crawls it serves: one page processor per crawl (one HTTP
 * client and connection pool shared by the member's fetch threads, as in virtual mode), the
 * per-host politeness gate of the hosts it owns, and the codec results travel in.
 *
 * <p>A crawl's processor is closed when its coordinator ends the crawl, or, if the coordinator
 * was killed and never does, once no batch of the crawl has run for the member's max idle time
 * (checked when a batch starts and by a timer), so its client and WARC files do not stay open for
 * the member's lifetime. A crawl with a batch running is never closed for idleness.
 *
 * <p>Thread-safe: batches of several hosts and crawls run at once.
 */
public final class MemberRuntime implements AutoCloseable {

    private final Codec codec = new Codec();
    private final HostGate gate = new HostGate();
    private final PrintStream log;
    private final long maxIdleNanos;
    private final LongSupplier nanoTime;
    /** Builds a crawl's processor from its id and config line. */
    private final java.util.function.BiFunction<String, String, PageProcessor> processors;
    /** Guarded by {@code this}. */
    private final Map<String, Served> crawls = new HashMap<>();
    private final ScheduledExecutorService sweeper;

    /** One crawl's processor, with its running batches and since when none has run. Guarded by the runtime. */
    private static final class Served {
        final PageProcessor processor;
        int running;
        long idleSince;

        Served(PageProcessor processor) {
            this.processor = processor;
        }
    }

    /**
     * @param log          where the fetch unit's own notices go (stderr in a member process)
     * @param crawlMaxIdle a crawl with no batch run for this long is forgotten (its processor closed)
     */
    public MemberRuntime(PrintStream log, Duration crawlMaxIdle) {
        this(log, crawlMaxIdle, System::nanoTime, true, null);
    }

    /**
     * @param sweeping   whether a timer forgets idle crawls too (off in tests, which call {@link #forgetIdle()})
     * @param processors builds a crawl's processor from its id and config line; null: the fetch
     *                   unit every mode runs
     */
    MemberRuntime(PrintStream log, Duration crawlMaxIdle, LongSupplier nanoTime, boolean sweeping,
                  java.util.function.BiFunction<String, String, PageProcessor> processors) {
        this.log = log;
        this.maxIdleNanos = crawlMaxIdle.toNanos();
        this.nanoTime = nanoTime;
        this.processors = processors != null ? processors : this::build;
        if (sweeping) {
            long every = Math.min(maxIdleNanos, TimeUnit.HOURS.toNanos(1));
            sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("crawl-idle-sweep").factory());
            sweeper.scheduleWithFixedDelay(this::forgetIdle, every, every, TimeUnit.NANOSECONDS);
        } else {
            sweeper = null;
        }
    }

    Codec codec() {
        return codec;
    }

    HostGate gate() {
        return gate;
    }

    /**
     * The crawl's processor, built from its first batch's config line, held for one batch until
     * {@link #release}. Crawls idle past the max idle time are forgotten first.
     */
    PageProcessor acquire(String crawlId, String configLine) {
        forgetIdle();
        synchronized (this) {
            Served s = crawls.get(crawlId);
            if (s == null) {
                s = new Served(processors.apply(crawlId, configLine));
                crawls.put(crawlId, s);
            }
            s.running++;
            return s.processor;
        }
    }

    /** A batch of the crawl that {@link #acquire acquired} its processor has ended. */
    synchronized void release(String crawlId) {
        Served s = crawls.get(crawlId);
        if (s != null && --s.running == 0) {
            s.idleSince = nanoTime.getAsLong();
        }
    }

    /** The crawls this member holds a processor for. */
    synchronized List<String> crawls() {
        return List.copyOf(crawls.keySet());
    }

    /** Closes the processors of crawls with no batch running for longer than the max idle time. */
    void forgetIdle() {
        List<PageProcessor> idle = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            crawls.values().removeIf(s -> {
                boolean forget = s.running == 0 && now - s.idleSince > maxIdleNanos;
                if (forget) {
                    idle.add(s.processor);
                }
                return forget;
            });
        }
        idle.forEach(PageProcessor::close);
    }

    private PageProcessor build(String crawlId, String configLine) {
        try {
            if (!(codec.decodeToWorker(configLine) instanceof ToWorker.Config config)) {
                throw new IllegalArgumentException("not a config: " + configLine);
            }
            FetchConfig fetch = config.fetch();
            if (fetch.warc() != null) {
                // Each member archives what it fetched to its own files, like each worker process.
                fetch = fetch.withWarc(fetch.warc().forWorker((int) (ProcessHandle.current().pid() % 1_000_000)));
            }
            return ChaosProcessor.wrap(new HttpPageProcessor(fetch), config.chaos(), log);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("crawl " + crawlId + ": bad config from the coordinator", e);
        }
    }

    /** The crawl is over: its processor (client, WARC writer) is closed. */
    void endCrawl(String crawlId) {
        Served s;
        synchronized (this) {
            s = crawls.remove(crawlId);
        }
        if (s != null) {
            s.processor.close();
        }
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        crawls().forEach(this::endCrawl);
    }
}
