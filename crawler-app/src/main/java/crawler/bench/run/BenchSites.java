package crawler.bench.run;

import crawler.bench.plan.BenchPlan;
import crawler.bench.plan.Cell;
import crawler.bench.plan.Workload;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the bench's cells crawl: the embedded fixture sites, one per latency, in this JVM (so
 * their CPU and memory are outside the measured process tree) and shared by every cell at that
 * latency; or a user's site, which the bench neither starts nor counts.
 *
 * <p>A site that a {@link Workload#HOSTS} cell crawls listens on {@link BenchPlan#SITE_HOSTS}
 * ports, each a host of its own, and such a cell's seed list takes its pages from each in turn:
 * cluster mode sends a host's URLs to the member owning the host's key, so with one host a second
 * member would have nothing to do. Hashed onto two members, 16 hosts leave neither member idle in
 * all but 2 of 65,536 equally likely splits, and neither with more than 10 of them in 79 % of
 * splits. An uneven split does not cap a member at its share of the concurrency (a member runs a
 * virtual thread per URL it is given; the coordinator keeps the crawl's limit), and the report
 * prints the share of the pages each member delivered. The other cells crawl the first port only.
 *
 * <p>Not thread-safe: built, warmed and closed by the thread running the bench.
 */
final class BenchSites implements AutoCloseable {

    /** What a cell crawls: seeds, depth, and the URL set it must fetch (null: unknown). */
    record Crawl(List<String> seeds, int depth, Set<String> expected) {
    }

    private final BenchRunner.Target target;
    private final Map<Long, FixtureServer> sites;

    private BenchSites(BenchRunner.Target target, Map<Long, FixtureServer> sites) {
        this.target = target;
        this.sites = sites;
    }

    /** Starts a fixture site per latency of {@code cells}, as large as the largest cell needs; none for a user's site. */
    static BenchSites start(BenchRunner.Target target, List<Cell> cells) {
        Map<Long, FixtureServer> sites = new TreeMap<>();
        if (target.fixtureSite()) {
            Map<Long, Integer> pagesByLatency = new TreeMap<>();
            Set<Long> manyHosts = new HashSet<>();
            for (Cell c : cells) {
                pagesByLatency.merge(c.latencyMillis(), c.pages(), Math::max);
                if (c.workload() == Workload.HOSTS) {
                    manyHosts.add(c.latencyMillis());
                }
            }
            try {
                for (Map.Entry<Long, Integer> e : pagesByLatency.entrySet()) {
                    Latency latency = e.getKey() == 0 ? new Latency.None() : new Latency.Fixed(Duration.ofMillis(e.getKey()));
                    int hosts = manyHosts.contains(e.getKey()) ? BenchPlan.SITE_HOSTS : 1;
                    sites.put(e.getKey(), FixtureServer.start(SiteSpec.wide(Math.max(2, e.getValue()), latency), 0, hosts));
                }
            } catch (RuntimeException e) {
                sites.values().forEach(FixtureServer::close);
                throw e;
            }
        }
        return new BenchSites(target, sites);
    }

    int size() {
        return sites.size();
    }

    /** Warms each fixture site up in this JVM, where it runs; not counted. */
    void warmUp(Consumer<String> say) throws InterruptedException {
        for (Map.Entry<Long, FixtureServer> e : sites.entrySet()) {
            List<String> urls = e.getValue().manifest().sitemapUrls();
            // Enough requests for the server's hot paths to be compiled, few enough to cost about a second.
            int n = (int) Math.min(urls.size(), e.getKey() == 0 ? 400 : Math.max(Warmup.CONCURRENCY, 4 * Warmup.CONCURRENCY));
            long t0 = System.nanoTime();
            int ok = Warmup.run(urls.subList(0, n), Duration.ofSeconds(2));
            say.accept(String.format(Locale.ROOT, "warm-up of the fixture site (latency %d ms): %d of %d requests in %.1f s (not counted)",
                    e.getKey(), ok, n, (System.nanoTime() - t0) / 1e9));
        }
    }

    /** The count of requests in flight of the site a cell crawls: the fixture site's own, none for a user's site. */
    SiteGauge gauge(Cell cell) {
        FixtureServer site = target.fixtureSite() ? sites.get(cell.latencyMillis()) : null;
        return site == null ? SiteGauge.NOT_MEASURED : SiteGauge.of(site);
    }

    Crawl crawlOf(Cell cell) {
        if (!target.fixtureSite()) {
            return new Crawl(List.of(target.url()), cell.workload() == Workload.STARTUP ? 0 : target.depth(), null);
        }
        FixtureServer site = sites.get(cell.latencyMillis());
        List<String> pages = site.manifest().sitemapUrls().subList(0, cell.pages());
        List<String> seeds = cell.workload() == Workload.HOSTS ? site.spread(pages) : pages;
        return new Crawl(seeds, 0, new HashSet<>(seeds));
    }

    @Override
    public void close() {
        sites.values().forEach(FixtureServer::close);
    }
}
