package crawler.app;

import crawler.archive.WarcConfig;
import crawler.chaos.ChaosPlan;
import crawler.coord.CrawlLimits;
import crawler.exec.Mode;
import crawler.exec.cluster.ClusterConfig;
import crawler.fetch.FetchConfig;
import crawler.frontier.FrontierLimits;
import crawler.frontier.PolitenessConfig;
import crawler.frontier.TrapGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every crawling command shares; {@link #toSettings()} checks and freezes them.
 *
 * <p>Just over 300 lines because it is one picocli declaration per option, each with its help
 * text: splitting the flags over several mixins would scatter {@code crawl --help} without making
 * any of it simpler. The conversions live in {@link Converters} and the checks in the settings.
 */
final class CrawlOptions {

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "virtual",
            description = "virtual | platform | process | cluster (default: ${DEFAULT-VALUE})")
    Mode mode;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "64",
            description = "URLs in flight at once over the whole crawl (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--workers", paramLabel = "P", defaultValue = "2",
            description = "worker processes in process mode; each runs concurrency/P threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16",
            description = "longest URL list handed out at once, in every mode (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = {"-d", "--depth"}, paramLabel = "D", defaultValue = "2", converter = Converters.DepthConverter.class,
            description = "link distance from the seeds; 0 = only the seeds, inf = no limit (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--max-pages", paramLabel = "M", defaultValue = "10000",
            description = "URLs crawled at most; 0 = no limit (default: ${DEFAULT-VALUE})")
    long maxPages;

    @Option(names = "--host-page-budget", paramLabel = "M", defaultValue = "0",
            description = "URLs crawled per host at most, a guard against traps; 0 = no limit (default: ${DEFAULT-VALUE})")
    long hostPageBudget;

    @Option(names = "--max-links-per-page", paramLabel = "N", defaultValue = "10000",
            description = "links of one page followed at most, in the page's order; the rest are dropped and counted"
                    + " in the summary; 0 = no limit (default: ${DEFAULT-VALUE})")
    int maxLinksPerPage;

    @Option(names = "--include", paramLabel = "REGEX", description = "also crawl URLs matching this (repeatable)")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", description = "never crawl URLs matching this (repeatable; wins over --include)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--max-url-length", paramLabel = "N", defaultValue = "2048",
            description = "longer URLs are treated as traps (default: ${DEFAULT-VALUE})")
    int maxUrlLength;

    @Option(names = "--max-segment-repeats", paramLabel = "N", defaultValue = "3",
            description = "a path repeating one segment more often is a trap (default: ${DEFAULT-VALUE})")
    int maxSegmentRepeats;

    @Option(names = "--host-concurrency", paramLabel = "N", defaultValue = "2",
            description = "requests in flight per host; 0 = no limit (default: ${DEFAULT-VALUE})")
    int hostConcurrency;

    @Option(names = "--host-delay", paramLabel = "DURATION", defaultValue = "250ms",
            converter = Converters.DurationConverter.class,
            description = "least time between request starts on one host (default: ${DEFAULT-VALUE})")
    Duration hostDelay;

    @Option(names = "--ignore-crawl-delay", description = "do not slow down to robots.txt Crawl-delay")
    boolean ignoreCrawlDelay;

    @Option(names = "--max-crawl-delay", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "the longest robots.txt Crawl-delay honoured (default: ${DEFAULT-VALUE})")
    Duration maxCrawlDelay;

    @Option(names = "--ignore-robots", description = "do not obey robots.txt (reported in the summary)")
    boolean ignoreRobots;

    @Option(names = "--sitemaps", description = "also seed from the sitemaps robots.txt names (within scope and limits)")
    boolean sitemaps;

    @Option(names = "--max-sitemap-urls", paramLabel = "N", defaultValue = "10000",
            description = "URLs taken from sitemaps at most (default: ${DEFAULT-VALUE})")
    int maxSitemapUrls;

    @Option(names = "--user-agent", paramLabel = "TEXT", defaultValue = FetchConfig.DEFAULT_USER_AGENT,
            description = "User-Agent header, also matched against robots.txt (default: ${DEFAULT-VALUE})")
    String userAgent;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "limit on opening one TCP connection (default: ${DEFAULT-VALUE})")
    Duration connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "longest silence while reading (default: ${DEFAULT-VALUE})")
    Duration readTimeout;

    @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "limit on one HTTP exchange, body included (default: ${DEFAULT-VALUE})")
    Duration callTimeout;

    @Option(names = "--url-deadline", paramLabel = "DURATION", defaultValue = "60s",
            converter = Converters.DurationConverter.class,
            description = "limit on everything done for one URL, retries included (default: ${DEFAULT-VALUE})")
    Duration urlDeadline;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "4MiB",
            converter = Converters.ByteSizeConverter.class,
            description = "decoded body cap; longer bodies are cut and marked TOO_LARGE (default: ${DEFAULT-VALUE})")
    long maxBody;

    @Option(names = "--max-redirects", paramLabel = "N", defaultValue = "5",
            description = "same-host redirect hops followed for one URL (more is TOO_MANY_REDIRECTS); the final page"
                    + " is recorded under the URL linked"
                    + " (default: ${DEFAULT-VALUE})")
    int maxRedirects;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "2",
            description = "extra attempts for 429, 503 and connection failures (default: ${DEFAULT-VALUE})")
    int maxRetries;

    @Option(names = "--follow-nofollow", description = "also follow links marked rel=nofollow")
    boolean followNofollow;

    @Option(names = "--cpu-work", paramLabel = "ROUNDS", defaultValue = "0",
            description = "extra CPU work per page (hash rounds over its text), the same in every mode (default: ${DEFAULT-VALUE})")
    int cpuWork;

    @Option(names = "--max-time", paramLabel = "DURATION", defaultValue = "0s",
            converter = Converters.DurationConverter.class,
            description = "stop after this long; 0s = no limit (default: ${DEFAULT-VALUE})")
    Duration maxTime;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "after this long without any result, name the URLs holding the crawl and hand them out again"
                    + " once; if they stall again, record them as STALLED. Must exceed --url-deadline, since a URL"
                    + " within its deadline is not stuck (default: twice --url-deadline)")
    Duration stallTimeout;

    @Option(names = "--worker-jvm-option", paramLabel = "OPT", description = "extra JVM option for worker processes (repeatable)")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--chaos", paramLabel = "SPEC", converter = ChaosOption.Converter.class,
            description = "fault injection, comma-separated: kill-worker=N kills a worker process (SIGKILL) after"
                    + " every N results (process mode); oom-at=N makes the N-th task of each process exhaust its heap;"
                    + " error-at=N makes it throw an InternalError; hang-at=N makes it hang until the watchdog cancels it")
    ChaosPlan chaos = ChaosPlan.NONE;

    @Option(names = "--deny-private", description = "never connect to a loopback, private, link-local, CGNAT,"
            + " unique-local, NAT64, 6to4, IPv4-mapped or unspecified address (checked at each connection, for"
            + " pages, redirects, robots.txt and sitemaps), except on the seeds' hosts (error kind PRIVATE_ADDRESS)")
    boolean denyPrivate;

    @Option(names = "--warc", paramLabel = "PREFIX",
            description = "also archive every exchange as WARC 1.1 to PREFIX-<time>-<serial>-<writer>.warc.gz"
                    + " (one writer per crawl in thread modes, one per worker in process mode)")
    String warc;

    @Option(names = "--warc-max-size", paramLabel = "SIZE", defaultValue = "1GB",
            converter = Converters.ByteSizeConverter.class,
            description = "start a new WARC file before one would pass this size (default: ${DEFAULT-VALUE})")
    long warcMaxSize;

    @Option(names = "--join", paramLabel = "HOST[:PORT]", split = ",",
            description = "cluster mode: join the members at these addresses (started with `crawler member`) as a lite"
                    + " member; without it one member runs embedded in this JVM (repeatable or comma-separated)")
    List<String> join = new ArrayList<>();

    @Option(names = "--members", paramLabel = "N",
            description = "cluster mode: N members on this machine, the embedded one and N-1 member JVMs this crawl"
                    + " starts and stops (127.0.0.1), each with concurrency/N threads (default: 1)")
    Integer members;

    @Option(names = "--interface", paramLabel = "ADDR",
            description = "cluster mode: the one address this JVM's member binds; 127.0.0.1 unless named here."
                    + " Members trust each other: use a private network only (docs/cluster.md)")
    String clusterInterface;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "crawlbench",
            description = "cluster mode with --join: the cluster to join (default: ${DEFAULT-VALUE})")
    String clusterName;

    @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "5701",
            description = "cluster mode: the first port this JVM's member tries (default: ${DEFAULT-VALUE})")
    int clusterPort;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    CrawlSettings toSettings() {
        // The connection pool and the WARC files' mode and concurrency are left to the settings,
        // which derive them from the mode and the concurrency (CrawlSettings.fetchPerJvm).
        FetchConfig fetch = new FetchConfig(userAgent, connectTimeout, readTimeout, callTimeout, urlDeadline, maxBody,
                maxRedirects, maxRetries, FetchConfig.defaults().maxRetryAfter(), followNofollow, cpuWork,
                FetchConfig.defaults().maxIdleConnections());
        if (warc != null) {
            fetch = fetch.withWarc(new WarcConfig(Path.of(warc).toAbsolutePath().toString(), warcMaxSize, null,
                    null, 0, commandLine()));
        }
        return CrawlSettings.builder(mode)
                .workers(workers)
                .pacing(new CrawlLimits(concurrency, batchSize, maxTime, stallTimeout(urlDeadline, stallTimeout)))
                .frontier(new FrontierLimits(depth, maxPages, hostPageBudget, maxLinksPerPage))
                .includes(compile(includes))
                .excludes(compile(excludes))
                .trapGuard(new TrapGuard(maxUrlLength, maxSegmentRepeats))
                .politeness(new PolitenessConfig(hostConcurrency, hostDelay, !ignoreCrawlDelay, maxCrawlDelay))
                .ignoreRobots(ignoreRobots)
                .sitemaps(sitemaps, maxSitemapUrls)
                .fetch(fetch)
                .workerJvmOptions(workerJvmOptions)
                .chaos(chaos)
                .denyPrivate(denyPrivate)
                .build();
    }

    /**
     * The watchdog's stall timeout: twice the URL deadline unless given, and then longer than it. A
     * fetch still within its deadline is slow, not stuck: handing it out again would fetch it twice
     * and, in process mode, cost every other URL its worker runs.
     *
     * @throws IllegalArgumentException for a stall timeout not longer than the deadline
     */
    static Duration stallTimeout(Duration urlDeadline, Duration given) {
        if (given == null) {
            return urlDeadline.multipliedBy(2);
        }
        if (given.compareTo(urlDeadline) <= 0) {
            throw new IllegalArgumentException("--stall-timeout (" + given.toMillis() + " ms) must be longer than"
                    + " --url-deadline (" + urlDeadline.toMillis() + " ms): a URL within its deadline is not stuck."
                    + " Leave --stall-timeout out to get twice the deadline");
        }
        return given;
    }

    /**
     * Where cluster mode's member binds and whom it joins: by default one embedded member on
     * 127.0.0.1 under a cluster name of its own.
     *
     * @throws IllegalArgumentException for --join outside cluster mode, or a bad cluster option
     */
    ClusterConfig clusterConfig() {
        if (mode != Mode.CLUSTER) {
            if (!join.isEmpty() || clusterInterface != null || members != null) {
                throw new IllegalArgumentException("--join, --interface and --members need --mode cluster");
            }
            return ClusterConfig.embedded();
        }
        if (members != null) {
            if (!join.isEmpty()) {
                throw new IllegalArgumentException("--members starts this crawl's own members; --join uses members"
                        + " started elsewhere: give one or the other");
            }
            if (clusterInterface != null) {
                throw new IllegalArgumentException("--members starts members on 127.0.0.1 only; it does not go"
                        + " with --interface");
            }
            return ClusterConfig.embedded(members); // which checks the count
        }
        if (join.isEmpty() && clusterInterface == null) {
            return ClusterConfig.embedded();
        }
        return ClusterConfig.of(clusterName, clusterInterface, clusterPort, join);
    }

    /**
     * The options a child crawl is started with, typed: the inverse of {@link CrawlArgs#argv()}
     * for every option that record names.
     */
    CrawlArgs toArgs() {
        return new CrawlArgs(mode, concurrency, mode == Mode.PROCESS ? workers : 0,
                mode != Mode.CLUSTER ? 0 : members == null ? 1 : members, batchSize, depth, maxPages, cpuWork,
                hostConcurrency, hostDelay, ignoreCrawlDelay, maxTime, stallTimeout(urlDeadline, stallTimeout),
                chaos, workerJvmOptions);
    }

    /** Parses a crawl's options alone, e.g. {@link CrawlArgs#argv()} as a {@code bench-session} leg carries them. */
    static CrawlOptions parse(List<String> argv) {
        Alone alone = new Alone();
        new picocli.CommandLine(alone).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(argv.toArray(String[]::new));
        return alone.options;
    }

    /** A command of nothing but these options, to parse them outside a subcommand. */
    @picocli.CommandLine.Command(name = "crawl-options")
    private static final class Alone {
        @picocli.CommandLine.Mixin
        CrawlOptions options;
    }

    /** The command as typed, for the WARC files' warcinfo record. */
    private String commandLine() {
        if (command == null || command.commandLine() == null || command.commandLine().getParseResult() == null) {
            return "crawler";
        }
        return "crawler " + String.join(" ", command.commandLine().getParseResult().originalArgs());
    }

    private static List<Pattern> compile(List<String> regexes) {
        return regexes.stream().map(Pattern::compile).toList();
    }
}
