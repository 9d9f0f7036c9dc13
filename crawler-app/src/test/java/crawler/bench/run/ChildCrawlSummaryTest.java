package crawler.bench.run;

import crawler.bench.Samples;
import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.probe.TreeUsage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.exec.Mode;
import crawler.report.CrawlSummary;
import crawler.report.MemberShare;
import crawler.report.StopReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildCrawlSummaryTest {

    @Test
    void summary_isReadBackIntoTheRecordTheChildWroteIt_from(@TempDir Path dir) throws IOException {
        CrawlSummary written = new CrawlSummary(Mode.PROCESS, 20, 2, 16, StopReason.COMPLETE, 60, 58, Map.of("TIMEOUT", 2L), 0, 4200, 14.3,
                List.of(11L, 12L), 10, Map.of(11L, 10, 12L, 10), 0, 3, 1, 10, Map.of("accepted", 60L), false,
                List.of(1600L, 1650L, 1700L), 0, null, List.of(1900L, 2000L, 2100L), Map.of("unparsable", 3L),
                Map.of("127.0.0.1:5701 pid 11", new MemberShare(2, 5, 40), "127.0.0.1:5702 pid 12", new MemberShare(1, 3, 20)));
        Path file = dir.resolve("s.summary.json");
        // As the child writes it (CrawlCommand --summary, bench-session).
        new ObjectMapper().writeValue(file.toFile(), written);
        assertThat(ChildCrawl.summary(file)).isEqualTo(written);
        // The enums keep the wire format the strings had: lower-case mode, upper-case stop reason.
        assertThat(Files.readString(file)).contains("\"mode\":\"process\"", "\"stopReason\":\"COMPLETE\"");
        assertThat(ChildCrawl.workerStartups(file)).containsExactly(1600L, 1650L, 1700L);
        assertThat(ChildCrawl.workerStartups(dir.resolve("none.json"))).isEmpty();
    }

    @Test
    void read_takesPagesErrorsPidsAndThreadsFromTheTypedSummary(@TempDir Path dir) throws IOException {
        CrawlSummary written = new CrawlSummary(Mode.VIRTUAL, 10, 0, 16, StopReason.COMPLETE, 3, 2, Map.of("HTTP_STATUS", 1L), 0, 500, 6.0,
                List.of(11L), 11, Map.of(11L, 3), 3, 0, 0, 0, Map.of(), false, List.of(), 0, null, List.of(), Map.of(), Map.of());
        Path summary = dir.resolve("r.summary.json");
        new ObjectMapper().writeValue(summary.toFile(), written);
        Path results = dir.resolve("r.jsonl");
        Files.writeString(results, "{\"url\":\"http://a/1\"}\n{\"url\":\"http://a/2\"}\n{\"url\":\"http://a/3\"}\n");
        RunResult r = ChildCrawl.read(Samples.io(Substrate.VIRTUAL, 10, 3), 1, summary, results, null, 900, TreeUsage.NOT_MEASURED);
        assertThat(r.failed()).isFalse();
        assertThat(r.pages()).isEqualTo(3);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.pids()).isEqualTo(1);
        assertThat(r.fetchThreads()).isEqualTo(3);
        assertThat(r.urlCount()).isEqualTo(3);
    }

    @Test
    void read_givesEachMembersPagesMostFirst_withAZeroForAMemberThatDeliveredNone(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("r.jsonl");
        Files.writeString(results, "{\"url\":\"http://a/1\"}\n{\"url\":\"http://a/2\"}\n{\"url\":\"http://a/3\"}\n");
        Cell twoMembers = new Cell(Workload.HOSTS, Substrate.CLUSTER_2M, 2, 16, 100, 0, 3);
        assertThat(ChildCrawl.read(twoMembers, 1, clusterSummary(dir, "even", Map.of("127.0.0.1:5701 pid 11",
                new MemberShare(1, 1, 1), "127.0.0.1:5702 pid 12", new MemberShare(2, 2, 2))), results, null, 900,
                TreeUsage.NOT_MEASURED).memberPages()).containsExactly(2L, 1L);
        assertThat(ChildCrawl.read(twoMembers, 1, clusterSummary(dir, "idle", Map.of("127.0.0.1:5701 pid 11",
                new MemberShare(3, 2, 3))), results, null, 900, TreeUsage.NOT_MEASURED).memberPages())
                .as("the member that got no host is in the split too").containsExactly(3L, 0L);
    }

    private static Path clusterSummary(Path dir, String name, Map<String, MemberShare> members) throws IOException {
        CrawlSummary written = new CrawlSummary(Mode.CLUSTER, 2, 0, 16, StopReason.COMPLETE, 3, 3, Map.of(), 0, 500, 6.0,
                List.of(11L, 12L), 11, Map.of(11L, 2, 12L, 1), 3, 0, 0, 0, Map.of(), false, List.of(), 0, null, List.of(),
                Map.of(), members);
        Path summary = dir.resolve(name + ".summary.json");
        new ObjectMapper().writeValue(summary.toFile(), written);
        return summary;
    }
}
