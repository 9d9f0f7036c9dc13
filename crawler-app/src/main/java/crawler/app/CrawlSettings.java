package crawler.app;

import crawler.exec.Mode;
import crawler.fetch.FetchConfig;
import crawler.frontier.FrontierLimits;
import crawler.frontier.PolitenessConfig;
import crawler.frontier.TrapGuard;
import crawler.startup.WorkerHeap;
import crawler.coord.CrawlLimits;
import crawler.protocol.Chaos;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a crawl needs to know, decided before it starts. Immutable; checked when built.
 *
 * @param mode              execution substrate
 * @param workers           worker processes (process mode only)
 * @param pacing            concurrency, batch size, time budget, watchdog
 * @param frontier          depth, page and per-host budgets
 * @param includes          URL patterns added to the seeds' hosts
 * @param excludes          URL patterns removed from scope
 * @param trapGuard         URL length and repeated-segment limits
 * @param politeness        per-host limits
 * @param ignoreRobots      true only when the user asked for it explicitly
 * @param sitemaps          also seed from the sitemaps robots.txt names
 * @param maxSitemapUrls    cap on URLs taken from sitemaps
 * @param fetch             the fetch unit's settings, WARC output included
 * @param workerJvmOptions  extra JVM options for worker processes
 * @param chaosKillEvery    process mode: kill a worker after every N results (0 = off)
 * @param chaos             faults injected inside tasks (oom-at, error-at), in every mode
 * @param denyPrivate       refuse URLs whose host is or resolves to a loopback, private,
 *                          link-local or unspecified address, unless it is a seed's host
 */
public record CrawlSettings(
        Mode mode,
        int workers,
        CrawlLimits pacing,
        FrontierLimits frontier,
        List<Pattern> includes,
        List<Pattern> excludes,
        TrapGuard trapGuard,
        PolitenessConfig politeness,
        boolean ignoreRobots,
        boolean sitemaps,
        int maxSitemapUrls,
        FetchConfig fetch,
        List<String> workerJvmOptions,
        int chaosKillEvery,
        Chaos chaos,
        boolean denyPrivate) {

    public CrawlSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(frontier, "frontier");
        Objects.requireNonNull(trapGuard, "trapGuard");
        Objects.requireNonNull(politeness, "politeness");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(chaos, "chaos");
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        workerJvmOptions = List.copyOf(workerJvmOptions);
        if (mode == Mode.PROCESS) {
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be >= 1 in process mode, was " + workers);
            }
            if (pacing.concurrency() < workers) {
                throw new IllegalArgumentException("--concurrency (" + pacing.concurrency()
                        + ") must be at least --workers (" + workers + "): each worker needs a thread");
            }
        }
        if (chaosKillEvery < 0) {
            throw new IllegalArgumentException("chaos kill-worker must be >= 0, was " + chaosKillEvery);
        }
        if (chaosKillEvery > 0 && mode != Mode.PROCESS) {
            throw new IllegalArgumentException("--chaos kill-worker needs --mode process (there is no worker to kill in "
                    + mode.name().toLowerCase(java.util.Locale.ROOT) + " mode)");
        }
        if (maxSitemapUrls < 0) {
            throw new IllegalArgumentException("maxSitemapUrls must be >= 0, was " + maxSitemapUrls);
        }
    }

    /** Without faults inside tasks and without --deny-private. */
    public CrawlSettings(Mode mode, int workers, CrawlLimits pacing, FrontierLimits frontier, List<Pattern> includes,
            List<Pattern> excludes, TrapGuard trapGuard, PolitenessConfig politeness, boolean ignoreRobots,
            boolean sitemaps, int maxSitemapUrls, FetchConfig fetch, List<String> workerJvmOptions,
            int chaosKillEvery) {
        this(mode, workers, pacing, frontier, includes, excludes, trapGuard, politeness, ignoreRobots, sitemaps,
                maxSitemapUrls, fetch, workerJvmOptions, chaosKillEvery, Chaos.NONE, false);
    }

    /** Threads in each worker process: the concurrency shared out over the workers. */
    public int threadsPerWorker() {
        return Math.max(1, pacing.concurrency() / Math.max(1, workers));
    }

    /**
     * The options each worker JVM gets on top of the standard ones: a heap sized for its threads
     * and the body cap ({@link WorkerHeap}), then {@link #workerJvmOptions}, which come last and so
     * win (an {@code -Xmx} of the user's replaces the sized one).
     */
    public List<String> sizedWorkerJvmOptions() {
        List<String> options = new java.util.ArrayList<>();
        options.add(WorkerHeap.option(threadsPerWorker(), fetch.maxBodyBytes()));
        options.addAll(workerJvmOptions);
        return List.copyOf(options);
    }

    /** Workers as reported: 0 outside process mode. */
    public int reportedWorkers() {
        return mode == Mode.PROCESS ? workers : 0;
    }

    public CrawlSettings withMaxDepth(int depth) {
        return new CrawlSettings(mode, workers, pacing, new FrontierLimits(depth, frontier.maxPages(), frontier.hostPageBudget(),
                frontier.maxLinksPerPage()),
                includes, excludes, trapGuard, politeness, ignoreRobots, sitemaps, maxSitemapUrls, fetch,
                workerJvmOptions, chaosKillEvery, chaos, denyPrivate);
    }

    public CrawlSettings withMode(Mode m) {
        FetchConfig f = fetch.warc() == null ? fetch : fetch.withWarc(fetch.warc().withMode(
                m.name().toLowerCase(java.util.Locale.ROOT)));
        return new CrawlSettings(m, workers, pacing, frontier, includes, excludes, trapGuard, politeness,
                ignoreRobots, sitemaps, maxSitemapUrls, f, workerJvmOptions, chaosKillEvery, chaos,
                denyPrivate);
    }

    public CrawlSettings withChaos(Chaos c) {
        return new CrawlSettings(mode, workers, pacing, frontier, includes, excludes, trapGuard, politeness,
                ignoreRobots, sitemaps, maxSitemapUrls, fetch, workerJvmOptions, chaosKillEvery, c, denyPrivate);
    }
}
