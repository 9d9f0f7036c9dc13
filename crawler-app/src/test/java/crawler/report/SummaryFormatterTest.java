package crawler.report;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryFormatterTest {

    private static CrawlSummary summary(Mode mode, Map<String, MemberShare> members) {
        return new CrawlSummary(mode, 16, 0, 16, StopReason.COMPLETE, 60, 60, Map.of(), 0, 2000, 30.0,
                List.of(11L, 12L), 10, Map.of(11L, 8, 12L, 8), 60, 0, 0, 0, Map.of("QUEUED", 60L), false,
                List.of(), 0, null, List.of(), Map.of(), members);
    }

    @Test
    void clusterSummary_namesEachMembersHostsBatchesAndPages_inMemberOrder() {
        String text = SummaryFormatter.format(summary(Mode.CLUSTER, Map.of(
                "127.0.0.1:5702 pid 12", new MemberShare(1, 4, 20),
                "127.0.0.1:5701 pid 11", new MemberShare(2, 7, 40))));

        assertThat(text).contains("mode=cluster").contains("  hosts per member: 127.0.0.1:5701 pid 11: 2 hosts, 7 batches,"
                + " 40 pages; 127.0.0.1:5702 pid 12: 1 hosts, 4 batches, 20 pages\n");
    }

    @Test
    void summaryWithoutMembers_saysNothingOfThem() {
        assertThat(SummaryFormatter.format(summary(Mode.VIRTUAL, Map.of()))).doesNotContain("member");
        assertThat(summary(Mode.VIRTUAL, null).members()).as("a summary written before members existed").isEmpty();
    }
}
