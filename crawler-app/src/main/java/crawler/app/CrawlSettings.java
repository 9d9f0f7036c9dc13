package crawler.app;

import crawler.chaos.ChaosPlan;
import crawler.coord.CrawlLimits;
import crawler.exec.Concurrency;
import crawler.exec.Mode;
import crawler.fetch.FetchConfig;
import crawler.frontier.FrontierLimits;
import crawler.frontier.PolitenessConfig;
import crawler.frontier.TrapGuard;
import crawler.startup.WorkerHeap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a crawl needs to know, decided before it starts. Immutable; checked when built, here
 * and only here. Build it with {@link #builder(Mode)} or change one with {@link #toBuilder()}: the
 * canonical constructor exists because a record has one, and only {@link Builder#build()} calls it.
 * What follows from several settings at once is derived by a method here, never stored twice:
 * {@link #concurrency()} for every pool size, {@link #fetchPerJvm()} for the fetch settings.
 *
 * @param mode             execution substrate
 * @param workers          worker processes (process mode only)
 * @param pacing           concurrency, batch size, time budget, watchdog
 * @param frontier         depth, page and per-host budgets
 * @param includes         URL patterns added to the seeds' hosts
 * @param excludes         URL patterns removed from scope
 * @param trapGuard        URL length and repeated-segment limits
 * @param politeness       per-host limits
 * @param ignoreRobots     true only when the user asked for it explicitly
 * @param sitemaps         also seed from the sitemaps robots.txt names
 * @param maxSitemapUrls   cap on URLs taken from sitemaps
 * @param fetch            the fetch unit's settings, WARC output included, as given; the crawl uses
 *                         {@link #fetchPerJvm()}
 * @param workerJvmOptions extra JVM options for worker processes
 * @param chaos            fault injection: faults inside tasks (every mode) and worker kills (process mode)
 * @param denyPrivate      refuse URLs whose host is or resolves to a loopback, private, link-local or
 *                         unspecified address, unless it is a seed's host
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
        ChaosPlan chaos,
        boolean denyPrivate) {

    public CrawlSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pacing, "pacing not set");
        Objects.requireNonNull(frontier, "frontier not set");
        Objects.requireNonNull(trapGuard, "trapGuard");
        Objects.requireNonNull(politeness, "politeness not set");
        Objects.requireNonNull(fetch, "fetch not set");
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
        if (chaos.killsWorkers() && mode != Mode.PROCESS) {
            throw new IllegalArgumentException("--chaos kill-worker needs --mode process (there is no worker to kill in "
                    + mode.name().toLowerCase(Locale.ROOT) + " mode)");
        }
        if (maxSitemapUrls < 0) {
            throw new IllegalArgumentException("maxSitemapUrls must be >= 0, was " + maxSitemapUrls);
        }
    }

    /**
     * Settings in {@code mode} with nothing but the required parts missing: {@link Builder#pacing},
     * {@link Builder#frontier}, {@link Builder#politeness} and {@link Builder#fetch} must be set.
     * The rest starts off: one worker, no include or exclude, default trap guard, robots.txt obeyed,
     * no sitemaps, no extra worker options, no chaos, private addresses allowed.
     */
    public static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(mode).workers(workers).pacing(pacing).frontier(frontier).includes(includes)
                .excludes(excludes).trapGuard(trapGuard).politeness(politeness).ignoreRobots(ignoreRobots)
                .sitemaps(sitemaps, maxSitemapUrls).fetch(fetch).workerJvmOptions(workerJvmOptions).chaos(chaos)
                .denyPrivate(denyPrivate);
    }

    /** How the concurrency is laid out in this mode: the one place it is derived. */
    public Concurrency concurrency() {
        return Concurrency.of(mode, pacing.concurrency(), workers);
    }

    /**
     * The fetch settings each fetching JVM gets: its connection pool as large as its threads, and
     * WARC files stamped with this crawl's mode and concurrency, all from {@link #concurrency()}.
     */
    public FetchConfig fetchPerJvm() {
        Concurrency c = concurrency();
        FetchConfig f = fetch.withMaxIdleConnections(c.threadsPerJvm());
        return f.warc() == null ? f
                : f.withWarc(f.warc().forCrawl(mode.name().toLowerCase(Locale.ROOT), c.inFlight()));
    }

    /**
     * The options each worker JVM gets on top of the standard ones: a heap sized for its threads
     * and the body cap ({@link WorkerHeap}), then {@link #workerJvmOptions}, which come last and so
     * win (an {@code -Xmx} of the user's replaces the sized one).
     */
    public List<String> sizedWorkerJvmOptions() {
        List<String> options = new ArrayList<>();
        options.add(WorkerHeap.option(concurrency().threadsPerJvm(), fetch.maxBodyBytes()));
        options.addAll(workerJvmOptions);
        return List.copyOf(options);
    }

    /** Collects settings; {@link #build()} checks them all at once. Not thread-safe. */
    public static final class Builder {
        private Mode mode;
        private int workers = 1;
        private CrawlLimits pacing;
        private FrontierLimits frontier;
        private List<Pattern> includes = List.of();
        private List<Pattern> excludes = List.of();
        private TrapGuard trapGuard = TrapGuard.defaults();
        private PolitenessConfig politeness;
        private boolean ignoreRobots;
        private boolean sitemaps;
        private int maxSitemapUrls;
        private FetchConfig fetch;
        private List<String> workerJvmOptions = List.of();
        private ChaosPlan chaos = ChaosPlan.NONE;
        private boolean denyPrivate;

        private Builder(Mode mode) {
            this.mode = mode;
        }

        public Builder mode(Mode m) {
            this.mode = m;
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        public Builder pacing(CrawlLimits limits) {
            this.pacing = limits;
            return this;
        }

        public Builder frontier(FrontierLimits limits) {
            this.frontier = limits;
            return this;
        }

        /** The frontier's limits with another link depth; {@link #frontier} must be set first. */
        public Builder maxDepth(int depth) {
            Objects.requireNonNull(frontier, "frontier not set");
            this.frontier = new FrontierLimits(depth, frontier.maxPages(), frontier.hostPageBudget(),
                    frontier.maxLinksPerPage());
            return this;
        }

        public Builder includes(List<Pattern> patterns) {
            this.includes = patterns;
            return this;
        }

        public Builder excludes(List<Pattern> patterns) {
            this.excludes = patterns;
            return this;
        }

        public Builder trapGuard(TrapGuard guard) {
            this.trapGuard = guard;
            return this;
        }

        public Builder politeness(PolitenessConfig config) {
            this.politeness = config;
            return this;
        }

        public Builder ignoreRobots(boolean ignore) {
            this.ignoreRobots = ignore;
            return this;
        }

        /** Whether to seed from sitemaps too, and how many of their URLs to take at most. */
        public Builder sitemaps(boolean on, int maxUrls) {
            this.sitemaps = on;
            this.maxSitemapUrls = maxUrls;
            return this;
        }

        public Builder fetch(FetchConfig config) {
            this.fetch = config;
            return this;
        }

        public Builder workerJvmOptions(List<String> options) {
            this.workerJvmOptions = options;
            return this;
        }

        public Builder chaos(ChaosPlan plan) {
            this.chaos = plan;
            return this;
        }

        public Builder denyPrivate(boolean deny) {
            this.denyPrivate = deny;
            return this;
        }

        /** @throws IllegalArgumentException or NullPointerException naming the bad or missing setting */
        public CrawlSettings build() {
            return new CrawlSettings(mode, workers, pacing, frontier, includes, excludes, trapGuard, politeness,
                    ignoreRobots, sitemaps, maxSitemapUrls, fetch, workerJvmOptions, chaos, denyPrivate);
        }
    }
}
