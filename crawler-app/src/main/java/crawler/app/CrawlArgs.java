package crawler.app;

import crawler.chaos.ChaosPlan;
import crawler.exec.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The crawl options one crawl is started with, typed: what a parent process ({@code bench},
 * {@code isolate}) tells a child {@code crawl} or {@code bench-session}, rendered by
 * {@link #argv()} in the grammar {@link CrawlOptions} parses, and what {@link CrawlOptions#toArgs()}
 * produces back from a parsed command line. So a renamed flag breaks a test, not a measurement.
 * Immutable; checked when built. Options not named here keep {@link CrawlOptions}' defaults.
 *
 * @param mode             execution substrate
 * @param concurrency      URLs in flight at once (>= 1)
 * @param workers          worker JVMs in process mode (>= 1); 0 in the other modes, which have none
 * @param members          cluster members on this machine in cluster mode (>= 1: the embedded one and
 *                         {@code members - 1} member JVMs, {@code --members}); 0 in the other modes
 * @param batchSize        longest URL list handed out at once (>= 1)
 * @param depth            link depth from the seeds (>= 0)
 * @param maxPages         URLs crawled at most; 0 = no limit
 * @param cpuWork          extra hash rounds per page (>= 0)
 * @param hostConcurrency  requests in flight per host; 0 = no limit
 * @param hostDelay        least time between request starts on one host
 * @param ignoreCrawlDelay do not slow down to robots.txt Crawl-delay
 * @param maxTime          stop after this long; zero = no limit
 * @param stallTimeout     the watchdog's silence limit (> 0)
 * @param chaos            fault injection, rendered as {@code --chaos}; worker kills need process mode
 * @param workerJvmOptions extra JVM options of the worker processes
 */
public record CrawlArgs(Mode mode, int concurrency, int workers, int members, int batchSize, int depth, long maxPages, int cpuWork,
                        int hostConcurrency, Duration hostDelay, boolean ignoreCrawlDelay, Duration maxTime,
                        Duration stallTimeout, ChaosPlan chaos, List<String> workerJvmOptions) {

    /** The crawl's own default of {@code --stall-timeout}: twice the default {@code --url-deadline} of 60 s. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(120);

    public CrawlArgs {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(hostDelay, "hostDelay");
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(chaos, "chaos");
        workerJvmOptions = List.copyOf(workerJvmOptions);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        if (mode == Mode.PROCESS ? workers < 1 : workers != 0) {
            throw new IllegalArgumentException("workers must be >= 1 in process mode and 0 in " + label(mode) + " mode, was "
                    + workers);
        }
        if (mode == Mode.CLUSTER ? members < 1 : members != 0) {
            throw new IllegalArgumentException("members must be >= 1 in cluster mode and 0 in " + label(mode) + " mode, was "
                    + members);
        }
        if (batchSize < 1 || depth < 0 || maxPages < 0 || cpuWork < 0 || hostConcurrency < 0) {
            throw new IllegalArgumentException("batchSize must be >= 1 and depth, maxPages, cpuWork, hostConcurrency >= 0, were "
                    + batchSize + ", " + depth + ", " + maxPages + ", " + cpuWork + ", " + hostConcurrency);
        }
        if (hostDelay.isNegative() || maxTime.isNegative() || !stallTimeout.isPositive()) {
            throw new IllegalArgumentException("hostDelay and maxTime must be >= 0 and stallTimeout > 0, were " + hostDelay
                    + ", " + maxTime + ", " + stallTimeout);
        }
        if (chaos.killsWorkers() && mode != Mode.PROCESS) {
            throw new IllegalArgumentException("killWorkerEvery needs worker processes; " + label(mode) + " mode has none");
        }
    }

    /**
     * A measured crawl of a site that is ours: politeness off (no per-host limit, no delay, no
     * Crawl-delay), no page limit, no faults, the default stall timeout; cluster mode on its one
     * embedded member ({@link #withMembers} for more).
     */
    public static CrawlArgs unthrottled(Mode mode, int concurrency, int workers, int batchSize, int depth, int cpuWork,
                                        Duration maxTime) {
        return new CrawlArgs(mode, concurrency, mode == Mode.PROCESS ? workers : 0, mode == Mode.CLUSTER ? 1 : 0, batchSize,
                depth, 0, cpuWork, 0,
                Duration.ZERO, true, maxTime, DEFAULT_STALL_TIMEOUT, ChaosPlan.NONE, List.of());
    }

    public CrawlArgs withMaxTime(Duration t) {
        return new CrawlArgs(mode, concurrency, workers, members, batchSize, depth, maxPages, cpuWork, hostConcurrency, hostDelay,
                ignoreCrawlDelay, t, stallTimeout, chaos, workerJvmOptions);
    }

    public CrawlArgs withDepth(int d) {
        return new CrawlArgs(mode, concurrency, workers, members, batchSize, d, maxPages, cpuWork, hostConcurrency, hostDelay,
                ignoreCrawlDelay, maxTime, stallTimeout, chaos, workerJvmOptions);
    }

    /** Cluster mode on {@code n} members of this machine ({@code --members}). */
    public CrawlArgs withMembers(int n) {
        return new CrawlArgs(mode, concurrency, workers, n, batchSize, depth, maxPages, cpuWork, hostConcurrency, hostDelay,
                ignoreCrawlDelay, maxTime, stallTimeout, chaos, workerJvmOptions);
    }

    /** With fault injection: worker kills (process mode) and in-task faults. */
    public CrawlArgs withChaos(ChaosPlan plan) {
        return new CrawlArgs(mode, concurrency, workers, members, batchSize, depth, maxPages, cpuWork, hostConcurrency, hostDelay,
                ignoreCrawlDelay, maxTime, stallTimeout, plan, workerJvmOptions);
    }

    public CrawlArgs withStallTimeout(Duration t) {
        return new CrawlArgs(mode, concurrency, workers, members, batchSize, depth, maxPages, cpuWork, hostConcurrency, hostDelay,
                ignoreCrawlDelay, maxTime, t, chaos, workerJvmOptions);
    }

    public CrawlArgs withWorkerJvmOptions(List<String> options) {
        return new CrawlArgs(mode, concurrency, workers, members, batchSize, depth, maxPages, cpuWork, hostConcurrency, hostDelay,
                ignoreCrawlDelay, maxTime, stallTimeout, chaos, options);
    }

    /** The options as a command line of {@code crawl} (or {@code bench-session}) takes them. */
    public List<String> argv() {
        List<String> a = new ArrayList<>(List.of("--mode", label(mode), "--concurrency", Integer.toString(concurrency)));
        if (mode == Mode.PROCESS) {
            a.addAll(List.of("--workers", Integer.toString(workers)));
        }
        if (members > 1) {
            a.addAll(List.of("--members", Integer.toString(members)));
        }
        a.addAll(List.of("--batch-size", Integer.toString(batchSize), "--depth", Integer.toString(depth),
                "--max-pages", Long.toString(maxPages), "--cpu-work", Integer.toString(cpuWork),
                "--host-concurrency", Integer.toString(hostConcurrency), "--host-delay", millis(hostDelay),
                "--max-time", millis(maxTime)));
        if (ignoreCrawlDelay) {
            a.add("--ignore-crawl-delay");
        }
        // The watchdog must wait longer than a URL may take (a usage error otherwise), so the URL
        // deadline goes with the stall timeout as the crawl's defaults pair them: half of it.
        a.addAll(List.of("--url-deadline", millis(stallTimeout.dividedBy(2)), "--stall-timeout", millis(stallTimeout)));
        if (!chaos.equals(ChaosPlan.NONE)) {
            a.addAll(List.of("--chaos", chaos.spec()));
        }
        for (String o : workerJvmOptions) {
            a.addAll(List.of("--worker-jvm-option", o));
        }
        return a;
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    private static String label(Mode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }
}
