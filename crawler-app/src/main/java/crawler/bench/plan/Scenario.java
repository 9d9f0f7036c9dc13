package crawler.bench.plan;


import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import crawler.report.IdealTime;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One crawl of {@code crawler compare}: a fixture site, crawled whole from its start page, at one
 * concurrency. Immutable.
 *
 * @param key         short name for the command line, e.g. {@code a64}
 * @param label       name in the report, e.g. {@code A, C=64}
 * @param site        the site's shape (one host, no fault pages, no crawl delay)
 * @param concurrency requests at once every crawler is given
 */
public record Scenario(String key, String label, SiteSpec site, int concurrency) {

    public Scenario {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(site, "site");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
    }

    /** Site A of issue 12: the fixture site's shape, 2,000 pages, 10 extra links per page, 50 ms. */
    public static SiteSpec siteA() {
        return new SiteSpec(42, 2000, 8, 10, 4096, new Latency.Fixed(Duration.ofMillis(50)), false, 0);
    }

    /** Site B: site A's shape at 5,000 pages and no latency, so the crawlers' own costs set the pace. */
    public static SiteSpec siteB() {
        return siteA().withPages(5000).withLatency(new Latency.None());
    }

    /** Site A with stragglers: 2% of the pages answer after 1.5 s, the others after 20 ms. */
    public static SiteSpec siteAStragglers() {
        return siteA().withLatency(new Latency.Stragglers(Duration.ofMillis(20), 0.02, Duration.ofMillis(1500)));
    }

    /** The side-by-side comparison of issue 12, in its order. */
    public static List<Scenario> issue12() {
        return List.of(new Scenario("a64", "A, C=64", siteA(), 64), new Scenario("a256", "A, C=256", siteA(), 256),
                new Scenario("b16", "B, C=16", siteB(), 16), new Scenario("s64", "A with 2% stragglers, C=64", siteAStragglers(), 64));
    }

    /** The scenarios named by {@code keys}, in that order. */
    public static List<Scenario> parse(List<String> keys) {
        return keys.stream().map(k -> issue12().stream().filter(s -> s.key().equals(k.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + k + "'; expected "
                        + String.join(", ", issue12().stream().map(Scenario::key).toList())))).toList();
    }

    /**
     * The shortest a crawl of the site can take at this concurrency, from its ground truth: every
     * page takes the fixed latency, in rounds of at most {@code concurrency}, and no round before
     * its level's; null when the latency is not one fixed value.
     */
    public Duration idealTime(int pages, int levels) {
        return site.latency() instanceof Latency.Fixed f && !f.d().isZero()
                ? IdealTime.of(pages, concurrency, levels, f.d()) : null;
    }

    /** One line on the site, e.g. {@code 2,000 pages, 10 extra links per page, latency fixed:50ms}. */
    public String describeSite() {
        return String.format(Locale.ROOT, "%,d pages, fan-out %d, %d extra links per page, latency %s", site.pages(), site.fanout(),
                site.linksPerPage(), site.latency());
    }
}
