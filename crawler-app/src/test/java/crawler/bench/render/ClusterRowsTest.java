package crawler.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.bench.Samples;
import crawler.bench.judge.JudgedBench;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.plan.Cell;
import crawler.bench.run.CellResult;
import crawler.bench.run.RunResult;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRowsTest {

    private static BenchResult withCells(List<CellResult> cells) {
        return new BenchResult(Samples.MACHINE, BenchResult.FIXTURE_SITE, 3, 1, Samples.UNITS, List.of(), cells, 0.1,
                170_000, Duration.ofMinutes(3));
    }

    @Test
    void clusterRows_showStartUpAndMemoryPerMember_besideVirtualThreadsAtTheSameConcurrency() {
        BenchResult r = withCells(List.of(
                Samples.cell(Samples.io(Substrate.VIRTUAL, 10, 50), new long[] {520, 510, 560},
                        Samples.usage(110, 130, 30, 8000, 3000, 1), 1, 10, List.of()),
                Samples.cell(Samples.io(Substrate.CLUSTER, 10, 50), new long[] {900, 880, 950},
                        Samples.usage(190, 210, 60, 9000, 4000, 1), 1, 10, List.of(4400L)),
                Samples.cell(Samples.io(Substrate.CLUSTER, 100, 500), new long[] {1900, 1800, 2100},
                        Samples.usage(240, 260, 70, 12000, 6000, 1), 1, 100, List.of(4600L))));

        assertThat(ClusterRows.notes(r, Workload.IO)).containsExactly("cluster: one Hazelcast member in the crawl's JVM, batches on its virtual"
                + " threads; per member, c=10: start-up 4,400 ms, PSS 190 MB (+80 MB over virtual threads);"
                + " c=100: start-up 4,600 ms, PSS 240 MB (the first member of a child JVM loads Hazelcast's classes,"
                + " later ones start warm)");
        String text = TextReport.render(JudgedBench.of(r));
        assertThat(text).contains("cluster   10   1x10").contains("  cluster: one Hazelcast member");
    }

    @Test
    void twoMemberRows_showEachMembersStartUp_memoryPerMember_andTheMostUnevenSplitOfPages() {
        Cell twoMembers = new Cell(Workload.HOSTS, Substrate.CLUSTER_2M, 10, 16, 100, 0, 80);
        List<RunResult> runs = new ArrayList<>();
        long[][] pagesPerMember = {{40, 40}, {50, 30}, {48, 32}};
        for (int i = 0; i < pagesPerMember.length; i++) {
            RunResult run = Samples.run(twoMembers, i + 1, 900, Samples.usage(300, 320, 90, 9000, 4000, 2), 2, 10,
                    List.of(1200L, 30L));
            runs.add(new RunResult(run.cell(), run.repeat(), null, run.wallMillis(), run.childMillis(), run.pages(), 0,
                    run.urlCount(), run.urlSetDigest(), run.pids(), run.fetchThreads(), run.workerStartupMillis(),
                    run.usage(), 0, 0, -1, List.of(), -1, List.of(pagesPerMember[i][0], pagesPerMember[i][1])));
        }
        BenchResult r = withCells(List.of(
                Samples.cell(new Cell(Workload.HOSTS, Substrate.VIRTUAL, 10, 16, 100, 0, 80), new long[] {820, 810, 860},
                        Samples.usage(110, 130, 30, 8000, 3000, 1), 1, 10, List.of()),
                new CellResult(twoMembers, null, runs)));

        assertThat(ClusterRows.notes(r, Workload.IO)).as("no cluster rows on one host: says why").singleElement()
                .asString().startsWith("cluster: no rows");
        assertThat(ClusterRows.notes(r, Workload.HOSTS)).containsExactly("cluster-2m: 2 members, the crawl's embedded one and a member"
                + " JVM it starts, each running the batches of the hosts it owns on virtual threads; per member, c=10:"
                + " start-up 30 to 1,200 ms, PSS 150 MB (+95 MB over virtual threads), pages per member in the most uneven run 50 / 30 (the embedded"
                + " member loads Hazelcast's classes in the child JVM's first cell; each cell starts a fresh member JVM)");
        assertThat(TextReport.render(JudgedBench.of(r))).contains("many hosts: flat page list spread over the fixture site's hosts, fixed latency (16 hosts, latency 100 ms;")
                .contains("cluster-2m  10    2x5");
    }

    @Test
    void aRunWithoutClusterRows_saysWhy() {
        BenchResult r = withCells(List.of(Samples.cell(Samples.io(Substrate.VIRTUAL, 10, 50), new long[] {520},
                Samples.usage(110, 130, 30, 8000, 3000, 1), 1, 10, List.of())));
        assertThat(ClusterRows.notes(r, Workload.IO)).singleElement().asString().startsWith("cluster: no rows").contains("--quick leaves it out");
    }
}
