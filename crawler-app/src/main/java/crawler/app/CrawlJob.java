package crawler.app;

import crawler.chaos.ChaosProcessor;
import crawler.coord.Coordinator;
import crawler.coord.CrawlRun;
import crawler.exec.BatchExecutor;
import crawler.exec.Concurrency;
import crawler.exec.ResultListener;
import crawler.exec.ThreadExecutor;
import crawler.exec.cluster.ClusterConfig;
import crawler.exec.cluster.ClusterExecutor;
import crawler.exec.process.ProcessConfig;
import crawler.exec.process.ProcessExecutor;
import crawler.fetch.CrawlRules;
import crawler.fetch.FetchConfig;
import crawler.fetch.Fetcher;
import crawler.fetch.HttpPageProcessor;
import crawler.fetch.RobotsCache;
import crawler.fetch.RobotsPolicy;
import crawler.fetch.SitemapReader;
import crawler.frontier.Admission;
import crawler.frontier.Frontier;
import crawler.frontier.Politeness;
import crawler.frontier.RobotsGate;
import crawler.frontier.Scope;
import crawler.frontier.Ticker;
import crawler.page.PageError;
import crawler.page.PageProcessor;
import crawler.protocol.ToWorker;
import crawler.report.CrawlSummary;
import crawler.report.ResultSink;
import crawler.resume.Journal;
import crawler.url.HttpUrls;
import crawler.url.UrlNormalizer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One crawl, wired: scope from the seeds, robots.txt, the frontier, the executor of the chosen
 * mode, the coordinator. The command line, the demo and the tests all crawl through here, so
 * they run the same code.
 */
public final class CrawlJob {

    private final CrawlSettings settings;
    private final PrintStream log;
    private final ClusterConfig cluster;

    /** In cluster mode, with one member embedded in this JVM. */
    public CrawlJob(CrawlSettings settings, PrintStream log) {
        this(settings, log, ClusterConfig.embedded());
    }

    /** @param cluster where cluster mode's member binds and whom it joins (unused in other modes) */
    public CrawlJob(CrawlSettings settings, PrintStream log, ClusterConfig cluster) {
        this.settings = settings;
        this.log = log;
        this.cluster = java.util.Objects.requireNonNull(cluster, "cluster");
    }

    /**
     * Crawls from the given normalised seed URLs into the sink and returns the summary.
     *
     * @param onStart receives the coordinator before the crawl starts (for Ctrl-C and progress)
     */
    public CrawlSummary run(List<String> seeds, ResultSink sink, Consumer<Coordinator> onStart) {
        return run(seeds, sink, null, onStart);
    }

    /**
     * Resumes a crawl: pages in {@code journal} (results already written) are not fetched again,
     * but their links are followed, so the crawl ends with the same URLs a fresh one would.
     *
     * @param journal the interrupted crawl's results file, read; null for a fresh crawl
     */
    public CrawlSummary run(List<String> seeds, ResultSink sink, Journal journal,
                            Consumer<Coordinator> onStart) {
        return run(seeds, sink, journal, onStart, executorFactory(seeds));
    }

    /**
     * Crawls on a substrate the caller provides, e.g. one kept warm across crawls by a
     * {@link crawler.exec.ReusableExecutor} built from {@link #executorFactory()}.
     */
    CrawlSummary run(List<String> seeds, ResultSink sink, Journal journal,
                     Consumer<Coordinator> onStart, Function<ResultListener, BatchExecutor> executors) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed URLs to crawl");
        }
        Scope scope = Scope.ofSeeds(seeds, settings.includes(), settings.excludes());
        // Closed in reverse order: the fetcher first, which cancels robots.txt fetches still running,
        // so the executor's close does not wait out their timeouts.
        try (ExecutorService robotsFetches = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("robots-", 0).factory());
             Fetcher fetcher = new Fetcher(fetchConfig(seeds).withMaxIdleConnections(4))) {
            RobotsCache robotsCache = new RobotsCache(fetcher, settings.fetch().userAgent());
            RobotsGate robots = settings.ignoreRobots() ? RobotsGate.IGNORE : robotsGate(robotsCache, robotsFetches);
            Politeness politeness = new Politeness(settings.politeness(), Ticker.SYSTEM);
            Frontier frontier = new Frontier(settings.frontier(), scope, settings.trapGuard(), robots, politeness);
            if (journal != null) {
                journal.markDone(frontier);
            }
            // Made before the seeds are offered: it is what hears of robots.txt arriving for them.
            Coordinator coordinator = new Coordinator(frontier, settings.pacing(), sink, Ticker.SYSTEM, log,
                    journal == null ? 0 : journal.donePages());
            for (String seed : seeds) {
                Admission a = frontier.offer(seed, 0);
                // A seed whose robots.txt cannot be read is named by the coordinator, which learns it later.
                if (a != Admission.QUEUED && a != Admission.ALREADY_SEEN && a != Admission.AWAITING_ROBOTS
                        && a != Admission.ROBOTS_UNREACHABLE) {
                    log.println("crawler: seed " + seed + " not crawled: " + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                }
            }
            if (journal != null) {
                offerJournaledLinks(journal, frontier);
            }
            if (settings.sitemaps()) {
                seedFromSitemaps(seeds, fetcher, robotsCache, frontier, scope);
            }
            onStart.accept(coordinator);
            return coordinator.run(executors, new CrawlRun(settings.mode(), settings.concurrency().workers(), settings.ignoreRobots()));
        }
    }

    private static void offerJournaledLinks(Journal journal, Frontier frontier) {
        try {
            journal.offerLinks(frontier);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results file again to resume: " + e.getMessage(), e);
        }
    }

    /**
     * Builds this job's execution substrate (for process mode: starts the workers) around a
     * listener, for crawls of any seeds: kept warm across crawls, it cannot know their hosts, so
     * {@code --deny-private} would refuse every non-public seed too (bench and demo crawls never
     * set it).
     */
    Function<ResultListener, BatchExecutor> executorFactory() {
        return executorFactory(List.of());
    }

    /** The execution substrate for crawls from {@code seeds}, sized by {@link CrawlSettings#concurrency()}. */
    Function<ResultListener, BatchExecutor> executorFactory(List<String> seeds) {
        Concurrency c = settings.concurrency();
        FetchConfig fetch = fetchConfig(seeds);
        return switch (settings.mode()) {
            case VIRTUAL -> listener -> ThreadExecutor.virtualThreads(threadModeProcessor(fetch), listener);
            case PLATFORM -> listener -> ThreadExecutor.platformThreads(c.threadsPerJvm(), threadModeProcessor(fetch),
                    listener);
            case PROCESS -> listener -> new ProcessExecutor(
                    new ProcessConfig(c.workers(), c.threadsPerJvm(), settings.sizedWorkerJvmOptions(),
                            ProcessConfig.DEFAULT_MAX_ATTEMPTS_PER_URL, settings.chaos()),
                    fetch, listener);
            case CLUSTER -> listener -> new ClusterExecutor(cluster,
                    new ToWorker.Config(0, Concurrency.share(c.threadsPerJvm(), cluster.localMembers()), fetch,
                            settings.chaos().inTasks()),
                    settings.politeness(), listener, log);
        };
    }

    /**
     * The fetch settings with the rules every request of this crawl obeys, in whichever process it
     * is made: workers get them in their config, so every mode applies them through the same code.
     */
    FetchConfig fetchConfig(List<String> seeds) {
        Set<String> seedHosts = new LinkedHashSet<>();
        for (String seed : seeds) {
            HttpUrl u = HttpUrls.parse(seed);
            if (u != null) {
                seedHosts.add(u.host());
            }
        }
        return settings.fetchPerJvm().withRules(new CrawlRules(settings.denyPrivate(), seedHosts, !settings.ignoreRobots(),
                settings.excludes().stream().map(Pattern::pattern).toList()));
    }

    /** The one processor all fetch threads share, with the chaos faults injected the way each worker JVM does. */
    private PageProcessor threadModeProcessor(FetchConfig fetch) {
        return ChaosProcessor.wrap(new HttpPageProcessor(fetch), settings.chaos().inTasks(), log);
    }

    /**
     * robots.txt through the cache, read on {@code fetches}' threads: the gate never makes the
     * coordinator wait. Its answers are asked for only once {@link RobotsGate#ready} said yes, so
     * {@code policyFor} then returns a policy already read.
     */
    private static RobotsGate robotsGate(RobotsCache cache, Executor fetches) {
        Set<String> notifying = ConcurrentHashMap.newKeySet();
        return new RobotsGate() {
            @Override
            public boolean ready(String url, Runnable whenReady) {
                CompletableFuture<RobotsPolicy> policy = cache.policyAsync(url, fetches);
                if (policy.isDone()) {
                    return true;
                }
                if (notifying.add(UrlNormalizer.hostKey(url))) { // one note per host, however many URLs wait
                    policy.whenComplete((p, e) -> whenReady.run());
                }
                return false;
            }

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

    private void seedFromSitemaps(List<String> seeds, Fetcher fetcher, RobotsCache cache, Frontier frontier,
                                  Scope scope) {
        // Sitemap documents, those robots.txt names and those an index lists, are fetched only
        // within the crawl's scope, like its pages: a robots.txt may name any URL.
        SitemapReader reader = new SitemapReader(fetcher, scope::contains);
        UrlNormalizer normalizer = new UrlNormalizer();
        Set<String> sitemapUrls = new LinkedHashSet<>();
        for (String seed : seeds) {
            for (String named : cache.policyFor(seed).sitemaps()) {
                normalizer.normalize(named).filter(scope::contains).ifPresentOrElse(sitemapUrls::add,
                        () -> log.println("crawler: sitemap " + named + " named by robots.txt is out of scope; not read"));
            }
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
