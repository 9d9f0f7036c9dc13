package crawler.app;

import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crawler serve-fixtures}: serve the fixture site until Ctrl-C, for any crawler or browser. */
@Command(name = "serve-fixtures", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the deterministic fixture site on 127.0.0.1 until Ctrl-C.")
final class ServeFixturesCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--port", defaultValue = "0", description = "0 = any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--pages", description = "pages in the site (default: the default site's)")
    Integer pages;

    @Option(names = "--fanout", description = "links to the next level per page, i.e. how wide levels grow")
    Integer fanout;

    @Option(names = "--links", description = "extra links per page")
    Integer links;

    @Option(names = "--text-bytes", paramLabel = "SIZE", converter = Converters.ByteSizeConverter.class,
            description = "text per page: bytes, or a size such as 2k or 4KiB (1024-based), 4KB (1000-based)")
    Long textBytes;

    @Option(names = "--latency", paramLabel = "LATENCY", defaultValue = "none", converter = Converters.LatencyConverter.class,
            description = "a duration (200ms: fixed) or none | fixed:100ms | uniform:50ms-150ms | lognormal:80ms,0.3 |"
                    + " stragglers:20ms,2%%,1500ms (20 ms, but 2%% of the pages 1.5 s) (default: ${DEFAULT-VALUE})")
    Latency latency;

    @Option(names = "--seed", description = "generator seed; the same seed serves the same bytes")
    Long seed;

    @Option(names = "--no-faults", description = "leave out the fault pages")
    boolean noFaults;

    @Option(names = "--crawl-delay", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "the Crawl-delay robots.txt announces, in whole seconds (robots.txt counts seconds): 2, 2s, 1m")
    Duration crawlDelay;

    @Option(names = "--hostile", description = "also serve the hostile pages under /hostile/ (100,000 links, deep"
            + " nesting, a 10 MB line, random bytes, 1 MB of headers, an endless body, ...)")
    boolean hostile;

    @Override
    public Integer call() throws InterruptedException {
        SiteSpec d = SiteSpec.defaults();
        SiteSpec spec;
        try {
            if (crawlDelay != null && crawlDelay.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("--crawl-delay is whole seconds in robots.txt, was " + crawlDelay.toMillis() + " ms");
            }
            if (textBytes != null && textBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--text-bytes must be below 2 GiB, was " + textBytes);
            }
            spec = new SiteSpec(seed != null ? seed : d.seed(), pages != null ? pages : d.pages(),
                    fanout != null ? fanout : d.fanout(), links != null ? links : d.linksPerPage(),
                    textBytes != null ? textBytes.intValue() : d.textBytes(), latency, !noFaults,
                    crawlDelay != null ? (int) Math.min(Integer.MAX_VALUE, crawlDelay.toSeconds()) : d.crawlDelaySeconds()).withHostile(hostile);
        } catch (IllegalArgumentException e) {
            System.err.println("crawler: " + e.getMessage());
            return CrawlCommand.EXIT_USAGE;
        }
        FixtureServer server = FixtureServer.start(spec, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-fixtures-stop"));
        System.out.println(server.baseUrl());
        System.out.flush();
        System.err.printf("fixture site: %d pages, seed %d, latency %s, faults %s; %d URLs reachable at depth 3. Ctrl-C stops it.%n",
                spec.pages(), spec.seed(), latency, spec.faults() ? "on" : "off", server.manifest().reachable(3).size());
        stopped.await();
        return 0;
    }
}
