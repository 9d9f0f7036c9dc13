package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Depth stays exact when the short way to a page is slow and a long way fast. Half the pages one
 * link from the start answer after a second; the rest of the site answers at once. So pages are
 * first found along long fast paths, at depths larger than their true distance, and the pages
 * beyond them look too deep; a frontier that kept the first depth it saw would miss them. The
 * precondition below proves from the site's own graph that such pages exist.
 */
class ShortestPathCrawlTest {

    private static final int DEPTH = 3;
    private static final Duration SLOW = Duration.ofSeconds(1);
    private static final SiteSpec SHAPE = new SiteSpec(4, 150, 4, 3, 256, new Latency.None(), false, 0);

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    private static FixtureServer site;
    private static Set<String> slowPages;

    @BeforeAll
    static void startSiteWithSlowShortPaths() {
        Map<String, Integer> distance;
        List<String> firstHop;
        try (FixtureServer plain = FixtureServer.start(SHAPE)) {
            distance = distances(plain.manifest().reachable(Integer.MAX_VALUE / 2));
            firstHop = plain.manifest().reachable(1).keySet().stream()
                    .filter(u -> distance.get(u) == 1).sorted().toList();
            slowPages = new HashSet<>();
            for (int i = 0; i < firstHop.size(); i += 2) {
                slowPages.add(path(firstHop.get(i)));
            }
        }
        Map<String, Duration> delays = slowPages.stream().collect(Collectors.toMap(p -> p, p -> SLOW));
        site = FixtureServer.start(SHAPE.withLatency(new Latency.PerPath(delays, new Latency.None())));
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void depthLimitedCrawl_findsExactlyThePagesWithinTheLimit_whenShortPathsAreSlow(Mode mode) {
        Map<String, ExpectedPage> expected = site.manifest().reachable(DEPTH);
        assertThat(pagesAFirstDepthFrontierMisses(expected))
                .as("precondition: the site has pages only a shorter-depth update reaches").isNotEmpty();

        site.resetCounters();
        TestCrawls.Outcome out = TestCrawls.crawl(TestCrawls.settings(mode, DEPTH, 16, 2, 0), site.manifest().startUrl());

        List<String> urls = out.results().stream().map(PageResult::url).toList();
        assertThat(urls).doesNotHaveDuplicates();
        assertThat(new HashSet<>(urls)).isEqualTo(expected.keySet());
        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
        assertThat(out.results()).as("every page fetched once")
                .allSatisfy(r -> assertThat(site.requestCount(path(r.url()))).as(r.url()).isEqualTo(1));
    }

    /**
     * Pages within the limit that a crawl keeping each URL's first depth would not reach. The
     * slow pages answer after the rest of the site is done, so first depths come from a
     * breadth-first walk that stops at the slow pages, then goes on from them; a page already
     * found keeps its first depth, and a page found at the limit does not pass anything on.
     */
    private static Set<String> pagesAFirstDepthFrontierMisses(Map<String, ExpectedPage> expected) {
        Map<String, ExpectedPage> all = site.manifest().reachable(Integer.MAX_VALUE / 2);
        Map<String, Integer> firstDepth = new HashMap<>();
        firstDepth.put(site.manifest().startUrl(), 0);
        List<String> slowFound = new ArrayList<>();
        walk(all, firstDepth, List.of(site.manifest().startUrl()), slowFound);
        walk(all, firstDepth, slowFound, null);
        Set<String> missed = new HashSet<>(expected.keySet());
        missed.removeAll(firstDepth.keySet());
        return missed;
    }

    /**
     * Breadth-first from {@code from}, first depth wins. With {@code slowFound} set, slow pages
     * met on the way are not expanded but set aside there; with it null, everything is expanded.
     */
    private static void walk(Map<String, ExpectedPage> all, Map<String, Integer> firstDepth, List<String> from,
                             List<String> slowFound) {
        ArrayDeque<String> queue = new ArrayDeque<>(from);
        while (!queue.isEmpty()) {
            String u = queue.poll();
            int d = firstDepth.get(u);
            if (slowFound != null && slowPages.contains(path(u))) {
                slowFound.add(u);
                continue;
            }
            for (String link : all.get(u).outlinks()) {
                if (all.containsKey(link) && d + 1 <= DEPTH && firstDepth.putIfAbsent(link, d + 1) == null) {
                    queue.add(link);
                }
            }
        }
    }

    private static Map<String, Integer> distances(Map<String, ExpectedPage> pages) {
        return pages.values().stream().collect(Collectors.toMap(ExpectedPage::url, ExpectedPage::depth));
    }

    private static String path(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
