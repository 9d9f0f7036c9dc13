package crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.PageTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the frontier keeps: done URLs of a crawl without a depth limit only as fingerprints,
 * nothing for URLs refused before admission, and at most {@code maxLinksPerPage} links of a page.
 */
class FrontierMemoryTest {

    private final Scope scope = Scope.ofSeeds(List.of("http://a.test/"), List.of(), List.of(Pattern.compile("/skip/")));

    private Frontier frontier(FrontierLimits limits) {
        return new Frontier(limits, scope, TrapGuard.defaults(), RobotsGate.IGNORE,
                new Politeness(PolitenessConfig.unlimited(), new FakeTicker()));
    }

    /** Distinct URLs from a seeded generator: path words and numbers, some with a query. */
    private static List<String> corpus(long seed, int n) {
        Random random = new Random(seed);
        Set<String> urls = new HashSet<>();
        while (urls.size() < n) {
            StringBuilder b = new StringBuilder("http://a.test/");
            int segments = 1 + random.nextInt(3);
            for (int i = 0; i < segments; i++) {
                b.append("s").append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36)).append('/');
            }
            b.append("p").append(random.nextInt(1_000_000)).append(".html");
            if (random.nextBoolean()) {
                b.append("?id=").append(random.nextInt(1000));
            }
            urls.add(b.toString());
        }
        return new ArrayList<>(urls);
    }

    /** Takes everything queued and completes it without links; returns how many. */
    private static int drain(Frontier f) {
        int n = 0;
        List<PageTask> batch;
        while (!(batch = f.take(1000)).isEmpty()) {
            for (PageTask t : batch) {
                f.completed(t);
                n++;
            }
        }
        return n;
    }

    @Test
    void fingerprintSet_remembersExactlyTheUrlsSeen_overASeededCorpus() {
        List<String> first = corpus(42, 30_000);
        List<String> second = corpus(4242, 30_000);
        second.removeAll(new HashSet<>(first));
        Frontier f = frontier(new FrontierLimits(FrontierLimits.UNLIMITED_DEPTH, 0, 0));

        for (String url : first) {
            assertThat(f.offer(url, 1)).isEqualTo(Admission.QUEUED);
        }
        assertThat(drain(f)).isEqualTo(first.size());
        assertThat(f.urlsTracked()).as("no entry left for a done URL").isZero();
        assertThat(f.urlsRemembered()).isEqualTo(first.size());

        long seenAgain = first.stream().filter(u -> f.offer(u, 1) == Admission.ALREADY_SEEN).count();
        assertThat(seenAgain).as("every done URL is known again").isEqualTo(first.size());
        long newOnes = second.stream().filter(u -> f.offer(u, 1) == Admission.QUEUED).count();
        assertThat(newOnes).as("no new URL taken for one seen (no false positive here)").isEqualTo(second.size());
        assertThat(f.admissionCounts()).containsEntry(Admission.QUEUED, (long) (first.size() + second.size()))
                .containsEntry(Admission.ALREADY_SEEN, (long) first.size());
    }

    @Test
    void urlsRefusedBeforeAdmission_leaveNothingBehind() {
        Frontier f = frontier(new FrontierLimits(FrontierLimits.UNLIMITED_DEPTH, 1, 0));
        assertThat(f.offer("http://a.test/", 0)).isEqualTo(Admission.QUEUED);
        for (String url : corpus(7, 1_000)) {
            assertThat(f.offer(url, 1)).isEqualTo(Admission.PAGE_LIMIT_REACHED);
            assertThat(f.offer(url.replace("a.test", "b.test"), 1)).isEqualTo(Admission.OUT_OF_SCOPE);
            assertThat(f.offer(url.replace("/s", "/skip/s"), 1)).isEqualTo(Admission.OUT_OF_SCOPE);
        }
        assertThat(f.urlsRemembered()).as("only the one URL admitted").isEqualTo(1);
    }

    @Test
    void completed_followsTheFirstMaxLinksPerPage_andCountsTheRest() {
        Frontier f = frontier(new FrontierLimits(3, 0, 0, 100));
        f.offer("http://a.test/", 0);
        PageTask root = f.take(1).get(0);
        List<String> links = corpus(9, 250);

        List<String> kept = f.completed(root, links);

        assertThat(kept).containsExactlyElementsOf(links.subList(0, 100));
        assertThat(f.queued()).isEqualTo(100);
        assertThat(f.admissionCounts()).containsEntry(Admission.OVER_LINK_LIMIT, 150L);
    }

    @Test
    void maxLinksPerPage_defaultsToTenThousand_andZeroMeansNoLimit() {
        assertThat(new FrontierLimits(2, 0, 0).maxLinksPerPage()).isEqualTo(10_000);
        Frontier f = frontier(new FrontierLimits(2, 0, 0, 0));
        f.offer("http://a.test/", 0);
        List<String> links = corpus(11, 12_000);
        assertThat(f.completed(f.take(1).get(0), links)).hasSize(12_000);
        assertThat(f.admissionCounts()).doesNotContainKey(Admission.OVER_LINK_LIMIT);
    }

    @Test
    void depthLimitedCrawl_forgetsTheTextOfDonePages_butStillPassesShorterDepthsOn() {
        Frontier f = frontier(new FrontierLimits(2, 0, 0));
        f.offer("http://a.test/", 0);
        f.completed(f.take(1).get(0), List.of("http://a.test/mid"));
        f.completed(f.take(1).get(0), List.of("http://a.test/far"));
        PageTask far = f.take(1).get(0);
        assertThat(far).isEqualTo(new PageTask("http://a.test/far", 2));
        f.completed(far, List.of("http://a.test/beyond"));
        assertThat(f.admissionCounts()).containsEntry(Admission.TOO_DEEP, 1L);
        assertThat(f.depthOf("http://a.test/far")).as("a done page keeps its depth").isEqualTo(2);

        // /far turns up at depth 1: its link /beyond comes within the limit.
        assertThat(f.offer("http://a.test/far", 1)).isEqualTo(Admission.SHORTER_PATH);
        assertThat(f.take(10)).containsExactly(new PageTask("http://a.test/beyond", 2));
    }
}
