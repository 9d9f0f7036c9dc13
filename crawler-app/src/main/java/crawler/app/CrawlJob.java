package crawler.app;

import crawler.coord.Coordinator;
import crawler.coord.CrawlRun;
import crawler.exec.BatchExecutor;
import crawler.exec.ResultListener;
import crawler.exec.ThreadExecutor;
import crawler.exec.process.ProcessConfig;
import crawler.exec.process.ProcessExecutor;
import crawler.fetch.FetchConfig;
import crawler.fetch.Fetcher;
import crawler.fetch.HttpPageProcessor;
import crawler.fetch.RobotsCache;
import crawler.fetch.RobotsPolicy;
import crawler.fetch.SitemapReader;
import crawler.frontier.Admission;
import crawler.frontier.Frontier;
import crawler.frontier.Politeness;
import crawler.frontier.PrivateAddressGate;
import crawler.frontier.RobotsGate;
import crawler.frontier.Scope;
import crawler.frontier.Ticker;
import crawler.page.PageError;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.report.CrawlSummary;
import crawler.report.ResultSink;
import crawler.url.UrlNormalizer;
import crawler.worker.ChaosProcessor;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One crawl, wired: scope from the seeds, robots.txt, the frontier, the executor of the chosen
 * mode, the coordinator. The command line, the demo and the tests all crawl through here, so
 * they run the same code.
 */
public final class CrawlJob {

    private final CrawlSettings settings;
    private final PrintStream log;

    public CrawlJob(CrawlSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Crawls from the given normalised seed URLs into the sink and returns the summary.
     *
     * @param onStart receives the coordinator before the crawl starts (for Ctrl-C and progress)
     */
    public CrawlSummary run(List<String> seeds, ResultSink sink, Consumer<Coordinator> onStart) {
        return run(seeds, sink, Map.of(), onStart);
    }

    /**
     * Resumes a crawl: pages in {@code journal} (results already written) are not fetched again,
     * but their links are followed, so the crawl ends with the same URLs a fresh one would.
     */
    public CrawlSummary run(List<String> seeds, ResultSink sink, Map<String, PageResult> journal,
                            Consumer<Coordinator> onStart) {
        return run(seeds, sink, journal, onStart, executorFactory());
    }

    /**
     * Crawls on a substrate the caller provides, e.g. one kept warm across crawls by a
     * {@link crawler.exec.ReusableExecutor} built from {@link #executorFactory()}.
     */
    CrawlSummary run(List<String> seeds, ResultSink sink, Map<String, PageResult> journal,
                     Consumer<Coordinator> onStart, Function<ResultListener, BatchExecutor> executors) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed URLs to crawl");
        }
        Scope scope = Scope.ofSeeds(seeds, settings.includes(), settings.excludes());
        try (Fetcher fetcher = new Fetcher(settings.fetch().withMaxIdleConnections(4))) {
            RobotsCache robotsCache = new RobotsCache(fetcher, settings.fetch().userAgent());
            RobotsGate robots = settings.ignoreRobots() ? RobotsGate.IGNORE : robotsGate(robotsCache);
            Politeness politeness = new Politeness(settings.politeness(), Ticker.SYSTEM);
            Frontier frontier = new Frontier(settings.frontier(), scope, settings.trapGuard(), robots, politeness,
                    settings.denyPrivate() ? PrivateAddressGate.forSeeds(seeds) : null);
            frontier.markJournaled(journal.keySet());
            for (String seed : seeds) {
                Admission a = frontier.offer(seed, 0);
                if (a == Admission.ROBOTS_UNREACHABLE) {
                    log.println("crawler: seed " + seed + ": robots.txt could not be read; recorded as failed");
                } else if (a != Admission.QUEUED && a != Admission.ALREADY_SEEN) {
                    log.println("crawler: seed " + seed + " not crawled: " + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                }
            }
            if (settings.sitemaps()) {
                seedFromSitemaps(seeds, fetcher, robotsCache, frontier);
            }
            Coordinator coordinator = new Coordinator(frontier, settings.pacing(), sink, Ticker.SYSTEM, log,
                    journal);
            onStart.accept(coordinator);
            return coordinator.run(executors, new CrawlRun(settings.mode(), settings.reportedWorkers(), settings.ignoreRobots()));
        }
    }

    /** Builds this job's execution substrate (for process mode: starts the workers) around a listener. */
    Function<ResultListener, BatchExecutor> executorFactory() {
        int concurrency = settings.pacing().concurrency();
        FetchConfig fetch = settings.fetch();
        return switch (settings.mode()) {
            case VIRTUAL -> listener -> ThreadExecutor.virtualThreads(threadModeProcessor(fetch, concurrency), listener);
            case PLATFORM -> listener -> ThreadExecutor.platformThreads(concurrency,
                    threadModeProcessor(fetch, concurrency), listener);
            case PROCESS -> listener -> new ProcessExecutor(
                    new ProcessConfig(settings.workers(), settings.threadsPerWorker(), settings.workerJvmOptions(),
                            3, settings.chaosKillEvery(), settings.chaos()),
                    fetch.withMaxIdleConnections(settings.threadsPerWorker()), listener);
        };
    }

    /** The one processor all fetch threads share, with the chaos faults injected the way each worker JVM does. */
    private PageProcessor threadModeProcessor(FetchConfig fetch, int concurrency) {
        return ChaosProcessor.wrap(new HttpPageProcessor(fetch.withMaxIdleConnections(concurrency)), settings.chaos(),
                log);
    }

    private static RobotsGate robotsGate(RobotsCache cache) {
        return new RobotsGate() {
            @Override
            public boolean allows(String url) {
                return cache.policyFor(url).allows(url);
            }

            @Override
            public long crawlDelayMillis(String url) {
                return cache.policyFor(url).crawlDelayMillis();
            }

            @Override
            public PageError unreachable(String url) {
                RobotsPolicy p = cache.policyFor(url);
                if (p.fetchError() == null || !p.deferVisits()) {
                    return null;
                }
                return new PageError(p.fetchError(), "robots.txt " + p.robotsUrl() + " could not be read ("
                        + p.fetchError() + (p.status() > 0 ? ", HTTP " + p.status() : "")
                        + "), so the page was not requested: RFC 9309 treats an unreachable robots.txt as disallow all");
            }
        };
    }

    private void seedFromSitemaps(List<String> seeds, Fetcher fetcher, RobotsCache cache, Frontier frontier) {
        SitemapReader reader = new SitemapReader(fetcher);
        UrlNormalizer normalizer = new UrlNormalizer();
        Set<String> sitemapUrls = new LinkedHashSet<>();
        for (String seed : seeds) {
            sitemapUrls.addAll(cache.policyFor(seed).sitemaps());
        }
        int budget = settings.maxSitemapUrls();
        for (String sitemap : sitemapUrls) {
            if (budget <= 0) {
                break;
            }
            List<String> urls = reader.urls(sitemap, budget);
            budget -= urls.size();
            long queued = urls.stream().flatMap(u -> normalizer.normalize(u).stream())
                    .filter(u -> frontier.offer(u, 0) == Admission.QUEUED).count();
            log.println("crawler: sitemap " + sitemap + ": " + urls.size() + " URLs, " + queued + " new in scope");
        }
    }
}
