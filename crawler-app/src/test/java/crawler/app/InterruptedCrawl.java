package crawler.app;

import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The crawl that tests stop in its middle (SIGKILL, SIGINT) and then resume: a site without
 * faults, so every page is fetched once and "not fetched again" is exact, slow enough (100 ms a
 * page) to be mid-crawl when the signal comes, crawled to depth {@value #DEPTH} with politeness off.
 */
final class InterruptedCrawl {

    static final int DEPTH = 2;

    private InterruptedCrawl() {
    }

    static SiteSpec site() {
        return SiteSpec.small().withFaults(false).withPages(80).withFanout(8)
                .withLatency(new Latency.Fixed(Duration.ofMillis(100)));
    }

    /** {@code crawl} of {@code site} in {@code mode} (2 workers in process mode) into {@code out}, then {@code extra}. */
    static List<String> args(FixtureServer site, Path out, String mode, String... extra) {
        List<String> args = new ArrayList<>(List.of("crawl", site.manifest().startUrl(), "--mode", mode,
                "--workers", "2", "-c", "4", "--depth", String.valueOf(DEPTH), "--host-concurrency", "0",
                "--host-delay", "0ms", "--ignore-crawl-delay", "-q", "-o", out.toString()));
        args.addAll(List.of(extra));
        return args;
    }
}
