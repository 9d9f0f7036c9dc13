package crawler.resume;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.frontier.Admission;
import crawler.frontier.Frontier;
import crawler.frontier.FrontierLimits;
import crawler.frontier.Politeness;
import crawler.frontier.PolitenessConfig;
import crawler.frontier.RobotsGate;
import crawler.frontier.Scope;
import crawler.frontier.Ticker;
import crawler.frontier.TrapGuard;
import crawler.page.PageTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private static final String ROOT = "http://a.test/";

    @TempDir
    Path dir;

    private static String ok(String url, int depth, String... links) {
        StringBuilder b = new StringBuilder("{\"url\":\"" + url + "\",\"finalUrl\":\"" + url + "\",\"depth\":" + depth
                + ",\"status\":200,\"links\":[");
        for (int i = 0; i < links.length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(links[i]).append('"');
        }
        return b.append("],\"error\":null}\n").toString();
    }

    private static String failed(String url, int depth, String kind) {
        return "{\"url\":\"" + url + "\",\"depth\":" + depth + ",\"status\":0,\"links\":[],\"error\":{\"kind\":\"" + kind
                + "\",\"message\":\"x\"}}\n";
    }

    private Path journal(String... lines) throws IOException {
        Path f = dir.resolve("r.jsonl");
        Files.writeString(f, String.join("", lines));
        return f;
    }

    private static Frontier frontier(int maxDepth) {
        // Politeness off, so the clock is never asked.
        return new Frontier(new FrontierLimits(maxDepth, 0, 0), Scope.ofSeeds(List.of(ROOT), List.of(), List.of()),
                TrapGuard.defaults(), RobotsGate.IGNORE, new Politeness(PolitenessConfig.unlimited(), Ticker.SYSTEM));
    }

    /** What a resumed crawl hands out first: the journal's done pages marked, the seed offered, their links offered. */
    private static List<String> resume(Journal j, Frontier f) throws IOException {
        j.markDone(f);
        f.offer(ROOT, 0);
        j.offerLinks(f);
        return f.take(100).stream().map(PageTask::url).toList();
    }

    @Test
    void transientFailure_isFetchedAgain_once() throws IOException {
        Path f = journal(ok(ROOT, 0, ROOT + "a", ROOT + "b"), failed(ROOT + "a", 1, "CONNECT"), ok(ROOT + "b", 1));
        Journal j = Journal.read(f, false, RetryPolicy.ONCE);
        assertThat(j.donePages()).isEqualTo(2);
        assertThat(j.retrying()).isEqualTo(1);
        assertThat(resume(j, frontier(FrontierLimits.UNLIMITED_DEPTH))).containsExactly(ROOT + "a");
    }

    @Test
    void transientFailure_triedOnceAlready_isKept() throws IOException {
        Path f = journal(ok(ROOT, 0, ROOT + "a"), failed(ROOT + "a", 1, "WORKER_CRASH"), failed(ROOT + "a", 1, "STALLED"));
        Journal j = Journal.read(f, false, RetryPolicy.ONCE);
        assertThat(j.donePages()).isEqualTo(2);
        assertThat(j.retrying()).isZero();
        assertThat(resume(j, frontier(FrontierLimits.UNLIMITED_DEPTH))).isEmpty();
    }

    @Test
    void noRetryFailed_keepsTransientFailures() throws IOException {
        Path f = journal(ok(ROOT, 0, ROOT + "a"), failed(ROOT + "a", 1, "HTTP_5XX"));
        Journal j = Journal.read(f, false, RetryPolicy.NEVER);
        assertThat(j.retrying()).isZero();
        assertThat(resume(j, frontier(FrontierLimits.UNLIMITED_DEPTH))).isEmpty();
    }

    @Test
    void permanentFailure_isNeverFetchedAgain() throws IOException {
        Path f = journal(ok(ROOT, 0, ROOT + "a"), failed(ROOT + "a", 1, "HTTP_4XX"));
        assertThat(resume(Journal.read(f, true, RetryPolicy.ONCE), frontier(3))).isEmpty();
    }

    @Test
    void tornLastLine_isDropped_andItsUrlFetchedAgain() throws IOException {
        String whole = ok(ROOT, 0, ROOT + "a", ROOT + "b") + ok(ROOT + "a", 1);
        String torn = ok(ROOT + "b", 1).substring(0, 20);
        Journal j = Journal.read(journal(whole, torn), false, RetryPolicy.ONCE);
        assertThat(j.droppedTail()).isEqualTo(torn);
        assertThat(j.validBytes()).isEqualTo(whole.length());
        assertThat(j.donePages()).isEqualTo(2);
        assertThat(resume(j, frontier(FrontierLimits.UNLIMITED_DEPTH))).containsExactly(ROOT + "b");
    }

    @Test
    void linksOfDonePages_areOfferedAgain_soUnfinishedWorkIsFound() throws IOException {
        Path f = journal(ok(ROOT, 0, ROOT + "a", ROOT + "b"), ok(ROOT + "a", 1, ROOT + "c", ROOT + "b"));
        Frontier frontier = frontier(3);
        assertThat(resume(Journal.read(f, true, RetryPolicy.ONCE), frontier)).containsExactlyInAnyOrder(ROOT + "b",
                ROOT + "c");
        assertThat(frontier.offer(ROOT + "a", 1)).isEqualTo(Admission.ALREADY_SEEN);
    }

    @Test
    void depthLimitedResume_readsAJournaledPagesLinksBack_whenItComesCloser() throws IOException {
        // An earlier run found /far at depth 2 (limit 2): its link /beyond, at 3, was too deep.
        // The resumed crawl finds /far at depth 1, so /beyond, now at 2, must be crawled.
        Path f = journal(ok(ROOT, 0, ROOT + "mid"), ok(ROOT + "mid", 1, ROOT + "far"),
                ok(ROOT + "far", 2, ROOT + "beyond"));
        Frontier frontier = frontier(2);
        assertThat(resume(Journal.read(f, true, RetryPolicy.ONCE), frontier)).isEmpty();
        assertThat(frontier.offer(ROOT + "far", 1)).isEqualTo(Admission.SHORTER_PATH);
        assertThat(frontier.take(10)).containsExactly(new PageTask(ROOT + "beyond", 2));
    }
}
