package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.exec.cluster.ClusterConfig;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import crawler.report.CrawlSummary;
import crawler.report.ResultSink;
import crawler.report.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code crawl --mode cluster --members 2}: the crawl's embedded member and one member JVM it
 * starts as its child, both fetching, and the child gone once the crawl is over.
 */
class ClusterMembersTest {

    private static final int DEPTH = 2;
    /** Hosts hash to partitions that two members share about evenly: all on one has odds 2 in 2^16. */
    private static final int SITES = 16;

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    private final List<FixtureServer> sites = new ArrayList<>();

    @AfterEach
    void stopSites() {
        sites.forEach(FixtureServer::close);
    }

    @Test
    void twoMembers_crawlTheGroundTruth_onTwoPids_andLeaveNoProcess() {
        for (int i = 0; i < SITES; i++) {
            sites.add(FixtureServer.start(new SiteSpec(7 + i, 12, 3, 3, 512, new Latency.Fixed(java.time.Duration.ZERO), false, 0)));
        }
        List<PageResult> results = Collections.synchronizedList(new ArrayList<>());
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

        CrawlSummary summary = new CrawlJob(TestCrawls.settings(Mode.CLUSTER, DEPTH, 8, 1, 0), log,
                ClusterConfig.embedded(2))
                .run(sites.stream().map(s -> s.manifest().startUrl()).toList(), ResultSink.of(results::add), c -> { });

        Set<String> expected = new HashSet<>();
        sites.forEach(s -> expected.addAll(s.manifest().reachable(DEPTH).keySet()));
        List<String> urls = results.stream().map(PageResult::url).toList();
        String logText = logBytes.toString(StandardCharsets.UTF_8);
        assertThat(urls).as("no URL reported twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(urls)).isEqualTo(expected);
        assertThat(summary.stopReason()).isEqualTo(StopReason.COMPLETE);
        Set<Long> pids = results.stream().map(PageResult::pid).collect(Collectors.toSet());
        assertThat(pids).as("pids that fetched; %s", logText).hasSize(2).contains(ProcessHandle.current().pid());
        assertThat(summary.members()).as("members in the summary; %s", logText).hasSize(2);
        assertThat(crawler.report.SummaryFormatter.format(summary)).contains("2 members started");
        // No member process left: checked after the test by NoOrphanProcesses, and here at once.
        assertThat(ProcessHandle.current().descendants().filter(p -> pids.contains(p.pid())).toList())
                .as("member JVMs still running").isEmpty();
    }

    @Test
    void members_withJoin_orOutsideClusterMode_isAUsageError() {
        assertThat(Main.commandLine().execute("crawl", "--mode", "cluster", "--members", "2",
                "--join", "127.0.0.1:5701", "http://localhost:1/")).isEqualTo(CrawlCommand.EXIT_USAGE);
        assertThat(stderr.text()).contains("--members").contains("--join");
        assertThat(Main.commandLine().execute("crawl", "--mode", "process", "--members", "2",
                "http://localhost:1/")).isEqualTo(CrawlCommand.EXIT_USAGE);
        assertThat(stderr.text()).contains("--members need --mode cluster");
        assertThat(Main.commandLine().execute("crawl", "--mode", "cluster", "--members", "0",
                "http://localhost:1/")).isEqualTo(CrawlCommand.EXIT_USAGE);
        assertThat(stderr.text()).contains("--members must be >= 1");
    }
}
