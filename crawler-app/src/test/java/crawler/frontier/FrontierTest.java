package crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageTask;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FrontierTest {

    private final FakeTicker ticker = new FakeTicker();
    private final Scope scope = Scope.ofSeeds(List.of("http://a.test/"), List.of(), List.of(Pattern.compile("/skip/")));

    private Frontier frontier(FrontierLimits limits, RobotsGate robots, PolitenessConfig politeness) {
        return new Frontier(limits, scope, TrapGuard.defaults(), robots, new Politeness(politeness, ticker));
    }

    private Frontier frontier(int maxDepth) {
        return frontier(new FrontierLimits(maxDepth, 0, 0), RobotsGate.IGNORE, PolitenessConfig.unlimited());
    }

    @Test
    void eachUrl_isAdmittedOnce() {
        Frontier f = frontier(3);
        assertThat(f.offer("http://a.test/", 0)).isEqualTo(Admission.QUEUED);
        assertThat(f.offer("http://a.test/", 1)).isEqualTo(Admission.ALREADY_SEEN);
        assertThat(f.take(10)).extracting(PageTask::url).containsExactly("http://a.test/");
    }

    @Test
    void scopeExcludesAndOtherHosts_areNotQueued() {
        Frontier f = frontier(3);
        assertThat(f.offer("http://b.test/", 0)).isEqualTo(Admission.OUT_OF_SCOPE);
        assertThat(f.offer("http://a.test/skip/x", 0)).isEqualTo(Admission.OUT_OF_SCOPE);
        assertThat(f.offer("http://a.test/a/a/a/a/", 0)).isEqualTo(Admission.TRAP);
        assertThat(f.exhausted()).isTrue();
    }

    @Test
    void urlBeyondTheDepthLimit_isNotQueued_butCanStillComeAtASmallerDepth() {
        Frontier f = frontier(1);
        assertThat(f.offer("http://a.test/deep", 2)).isEqualTo(Admission.TOO_DEEP);
        assertThat(f.offer("http://a.test/deep", 1)).isEqualTo(Admission.QUEUED);
    }

    @Test
    void deeperUrls_goOutWhileShallowerOnesAreInFlight_lowestDepthFirst() {
        Frontier f = frontier(3);
        f.offer("http://a.test/", 0);
        f.offer("http://a.test/x", 0);
        PageTask root = f.take(1).get(0);
        f.completed(root, List.of("http://a.test/child"));
        assertThat(f.take(10)).as("no barrier: depth 1 goes out while depth 0 is in flight, after it")
                .extracting(PageTask::url).containsExactly("http://a.test/x", "http://a.test/child");
        assertThat(f.inFlight()).isEqualTo(2);
    }

    @Test
    void queuedUrl_foundCloser_movesUpAndGoesOutAtTheShorterDepth() {
        Frontier f = frontier(5);
        f.offer("http://a.test/", 0);
        f.offer("http://a.test/far", 3);
        assertThat(f.offer("http://a.test/far", 1)).isEqualTo(Admission.SHORTER_PATH);
        assertThat(f.take(10)).containsExactly(new PageTask("http://a.test/", 0), new PageTask("http://a.test/far", 1));
        assertThat(f.offer("http://a.test/far", 2)).isEqualTo(Admission.ALREADY_SEEN);
    }

    @Test
    void urlFoundCloserWhileInFlight_givesItsLinksTheShorterDepth() {
        Frontier f = frontier(2);
        f.offer("http://a.test/mid", 2);
        PageTask mid = f.take(1).get(0);
        f.offer("http://a.test/mid", 1);
        f.completed(mid, List.of("http://a.test/leaf"));
        assertThat(f.depthOf("http://a.test/mid")).isEqualTo(1);
        assertThat(f.take(10)).containsExactly(new PageTask("http://a.test/leaf", 2));
    }

    /**
     * The case a frontier without levels gets wrong: the long path S-A-C-X is fast, so X is done
     * at depth 3 and its link Y (depth 4) refused; then the slow short path S-B-X arrives. X is
     * not fetched again, but Y now lies within the limit and must be crawled.
     */
    @Test
    void pageDoneDeep_foundCloser_offersItsLinksAgain_withoutGoingOutAgain() {
        Frontier f = frontier(3);
        f.offer("http://a.test/s", 0);
        PageTask s = f.take(1).get(0);
        f.completed(s, List.of("http://a.test/a", "http://a.test/b"));
        List<PageTask> ab = f.take(10);
        PageTask a = ab.get(0);
        PageTask b = ab.get(1);
        f.completed(a, List.of("http://a.test/c"));
        f.completed(f.take(10).get(0), List.of("http://a.test/x"));
        PageTask x = f.take(10).get(0);
        assertThat(x).isEqualTo(new PageTask("http://a.test/x", 3));
        f.completed(x, List.of("http://a.test/y"));
        assertThat(f.take(10)).as("y is 4 links away so far").isEmpty();

        f.completed(b, List.of("http://a.test/x"));

        assertThat(f.depthOf("http://a.test/x")).isEqualTo(2);
        assertThat(f.take(10)).as("x is not handed out again; y is, at depth 3")
                .containsExactly(new PageTask("http://a.test/y", 3));
        assertThat(f.admissionCounts()).containsEntry(Admission.SHORTER_PATH, 1L);
    }

    @Test
    void linkWithoutAUsableHost_isDroppedAndCounted_neverThrown() {
        Frontier f = frontier(3);
        f.offer("http://a.test/", 0);
        PageTask root = f.take(1).get(0);
        List<String> kept = f.completed(root, List.of("http://a.test:0/x", "http://a.test:99999/y",
                "http://a.test/ok", "http://elsewhere.test/"));
        assertThat(kept).containsExactly("http://a.test/ok");
        assertThat(f.admissionCounts()).containsEntry(Admission.INVALID_URL, 2L);
        assertThat(f.offer("http://a.test:0/x", 0)).isEqualTo(Admission.INVALID_URL);
    }

    @Test
    void robotsDisallowedUrl_isNotQueued_andItsCrawlDelayReachesPoliteness() {
        RobotsGate robots = new DisallowingRobots("http://a.test/private/", 1_000, null);
        Frontier f = frontier(new FrontierLimits(3, 0, 0), robots,
                new PolitenessConfig(0, Duration.ZERO, true, Duration.ofSeconds(10)));
        assertThat(f.offer("http://a.test/private/x", 0)).isEqualTo(Admission.ROBOTS_DISALLOWED);
        f.offer("http://a.test/1", 0);
        f.offer("http://a.test/2", 0);
        assertThat(f.take(10)).hasSize(1);
        assertThat(f.nanosUntilNextReady()).isEqualTo(Duration.ofSeconds(1).toNanos());
        ticker.advance(Duration.ofSeconds(1));
        assertThat(f.take(10)).hasSize(1);
    }

    @Test
    void urlOfAHostWhoseRobotsTxtIsUnreachable_isQueuedWithItsError_andSkipsPoliteness() {
        PageError down = new PageError(ErrorKind.DNS, "robots.txt could not be read");
        RobotsGate robots = new DisallowingRobots("http://down.test/", -1, down);
        Frontier f = new Frontier(new FrontierLimits(3, 0, 0),
                Scope.ofSeeds(List.of("http://down.test/", "http://a.test/"), List.of(), List.of()), TrapGuard.defaults(),
                robots, new Politeness(new PolitenessConfig(1, Duration.ofSeconds(5), true, Duration.ofSeconds(10)), ticker));
        assertThat(f.offer("http://down.test/", 0)).isEqualTo(Admission.ROBOTS_UNREACHABLE);
        assertThat(f.offer("http://down.test/x", 0)).isEqualTo(Admission.ROBOTS_UNREACHABLE);
        assertThat(f.offer("http://a.test/", 0)).isEqualTo(Admission.QUEUED);
        // Politeness (one request per host, 5 s apart) would hold the second down.test URL back; no request is made for it.
        List<PageTask> out = f.take(10);
        assertThat(out).extracting(PageTask::url)
                .containsExactlyInAnyOrder("http://down.test/", "http://down.test/x", "http://a.test/");
        assertThat(f.unreachableError("http://down.test/x")).isSameAs(down);
        assertThat(f.unreachableError("http://a.test/")).isNull();
        out.forEach(f::completed);
        assertThat(f.exhausted()).isTrue();
    }

    @Test
    void pageLimit_capsAdmissions_exactly() {
        Frontier f = frontier(new FrontierLimits(3, 2, 0), RobotsGate.IGNORE, PolitenessConfig.unlimited());
        assertThat(f.offer("http://a.test/1", 0)).isEqualTo(Admission.QUEUED);
        assertThat(f.offer("http://a.test/2", 0)).isEqualTo(Admission.QUEUED);
        assertThat(f.offer("http://a.test/3", 0)).isEqualTo(Admission.PAGE_LIMIT_REACHED);
        assertThat(f.queued()).isEqualTo(2);
    }

    @Test
    void urlsRefusedBeforeAdmission_keepNothing() {
        Frontier f = frontier(new FrontierLimits(3, 2, 0), new DisallowingRobots("http://a.test/private/", -1, null),
                PolitenessConfig.unlimited());
        for (int i = 0; i < 1_000; i++) {
            assertThat(f.offer("http://b.test/" + i, 0)).isEqualTo(Admission.OUT_OF_SCOPE);
            assertThat(f.offer("http://a.test/private/" + i, 0)).isEqualTo(Admission.ROBOTS_DISALLOWED);
        }
        f.offer("http://a.test/1", 0);
        f.offer("http://a.test/2", 0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(f.offer("http://a.test/over-the-limit/" + i, 0)).isEqualTo(Admission.PAGE_LIMIT_REACHED);
        }
        assertThat(f.urlsTracked()).isEqualTo(2);
    }

    @Test
    void hostPageBudget_capsOneHost() {
        Frontier f = new Frontier(new FrontierLimits(3, 0, 1), Scope.ofSeeds(List.of("http://a.test/", "http://b.test/"),
                List.of(), List.of()), TrapGuard.defaults(), RobotsGate.IGNORE,
                new Politeness(PolitenessConfig.unlimited(), ticker));
        assertThat(f.offer("http://a.test/1", 0)).isEqualTo(Admission.QUEUED);
        assertThat(f.offer("http://a.test/2", 0)).isEqualTo(Admission.HOST_BUDGET_SPENT);
        assertThat(f.offer("http://b.test/1", 0)).isEqualTo(Admission.QUEUED);
    }

    @Test
    void take_sharesABatchBetweenHosts_roundRobin() {
        Frontier f = new Frontier(new FrontierLimits(3, 0, 0), Scope.ofSeeds(List.of("http://a.test/", "http://b.test/"),
                List.of(), List.of()), TrapGuard.defaults(), RobotsGate.IGNORE,
                new Politeness(PolitenessConfig.unlimited(), ticker));
        for (int i = 0; i < 3; i++) {
            f.offer("http://a.test/" + i, 0);
            f.offer("http://b.test/" + i, 0);
        }
        assertThat(f.take(2)).extracting(t -> t.url().substring(7, 8)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void perHostInFlightLimit_holdsAcrossTakes() {
        Frontier f = frontier(new FrontierLimits(3, 0, 0), RobotsGate.IGNORE,
                new PolitenessConfig(2, Duration.ZERO, true, Duration.ZERO));
        for (int i = 0; i < 5; i++) {
            f.offer("http://a.test/" + i, 0);
        }
        List<PageTask> first = f.take(10);
        assertThat(first).hasSize(2);
        assertThat(f.take(10)).isEmpty();
        assertThat(f.nanosUntilNextReady()).isEqualTo(Long.MAX_VALUE);
        f.completed(first.get(0));
        assertThat(f.take(10)).hasSize(1);
        assertThat(f.inFlight()).isEqualTo(2);
    }

    @Test
    void hostThatAskedForAPause_getsNothingHandedOut_untilItPasses_whileOtherHostsGoOn() {
        Frontier f = new Frontier(new FrontierLimits(3, 0, 0), Scope.ofSeeds(List.of("http://a.test/", "http://b.test/"),
                List.of(), List.of()), TrapGuard.defaults(), RobotsGate.IGNORE,
                new Politeness(PolitenessConfig.unlimited(), ticker));
        f.offer("http://a.test/busy", 0);
        PageTask busy = f.take(1).getFirst();
        for (int i = 0; i < 3; i++) {
            f.offer("http://a.test/" + i, 0);
            f.offer("http://b.test/" + i, 0);
        }

        f.pauseHost(busy.url(), 1_500);
        f.completed(busy);

        assertThat(f.take(10)).extracting(PageTask::url).allMatch(u -> u.startsWith("http://b.test/")).hasSize(3);
        assertThat(f.nanosUntilNextReady()).isEqualTo(Duration.ofMillis(1_500).toNanos());
        ticker.advance(Duration.ofMillis(1_499));
        assertThat(f.take(10)).isEmpty();
        ticker.advance(Duration.ofMillis(1));
        assertThat(f.take(10)).extracting(PageTask::url).allMatch(u -> u.startsWith("http://a.test/")).hasSize(3);
    }

    /** robots.txt that is not known until the test says so; disallows /private/ once it is. */
    private static final class LateRobots implements RobotsGate {
        boolean known;
        final List<Runnable> waiting = new java.util.ArrayList<>();

        @Override
        public boolean ready(String url, Runnable whenReady) {
            if (!known) {
                waiting.add(whenReady);
            }
            return known;
        }

        @Override
        public boolean allows(String url) {
            if (!known) {
                throw new IllegalStateException("asked before ready: " + url);
            }
            return !url.contains("/private/");
        }

        @Override
        public long crawlDelayMillis(String url) {
            return -1;
        }
    }

    @Test
    void urlsOfAHostWhoseRobotsIsNotKnown_wait_thenAreAdmittedOrRefused_whenItArrives() {
        LateRobots robots = new LateRobots();
        Frontier f = frontier(new FrontierLimits(3, 0, 0), robots, PolitenessConfig.unlimited());
        List<String> arrived = new java.util.ArrayList<>();
        f.whenRobotsArrive(arrived::add);

        assertThat(f.offer("http://a.test/", 0)).isEqualTo(Admission.AWAITING_ROBOTS);
        assertThat(f.offer("http://a.test/private/x", 1)).isEqualTo(Admission.AWAITING_ROBOTS);
        assertThat(f.offer("http://a.test/private/x", 0)).as("a shorter path while waiting")
                .isEqualTo(Admission.SHORTER_PATH);
        assertThat(f.take(10)).isEmpty();
        assertThat(f.exhausted()).as("waiting URLs keep the crawl going").isFalse();
        assertThat(f.awaitingRobots()).isEqualTo(2);
        assertThat(f.admissionCounts()).doesNotContainKey(Admission.AWAITING_ROBOTS);

        robots.known = true;
        robots.waiting.forEach(Runnable::run);
        assertThat(arrived).containsOnly("a.test:80");
        f.robotsArrived("a.test:80");

        assertThat(f.take(10)).extracting(PageTask::url).containsExactly("http://a.test/");
        assertThat(f.awaitingRobots()).isZero();
        assertThat(f.admissionCounts()).containsEntry(Admission.QUEUED, 1L)
                .containsEntry(Admission.ROBOTS_DISALLOWED, 1L);
    }

    /** Disallows URLs under {@code prefix}; with {@code unreachable} set, as if their robots.txt could not be read. */
    private record DisallowingRobots(String prefix, long crawlDelayMillis, PageError unreachable) implements RobotsGate {
        @Override
        public boolean allows(String url) {
            return !url.startsWith(prefix);
        }

        @Override
        public long crawlDelayMillis(String url) {
            return crawlDelayMillis;
        }

        @Override
        public PageError unreachable(String url) {
            return allows(url) ? null : unreachable;
        }
    }
}
