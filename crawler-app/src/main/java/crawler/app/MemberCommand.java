package crawler.app;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import crawler.exec.cluster.ClusterConfig;
import crawler.exec.cluster.MemberRuntime;
import crawler.exec.cluster.Members;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crawler member}: one cluster member on this machine, running the batches of the hosts it
 * owns for any crawl of its cluster, until it is stopped (Ctrl-C or SIGTERM: it leaves the
 * cluster gracefully, its hosts moving to the other members).
 */
@Command(name = "member", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a cluster member for `crawl --mode cluster --join ...`, one per machine, until Ctrl-C.",
            "Members trust each other (no TLS, no authentication): run them on a private network only."})
final class MemberCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--join", paramLabel = "HOST[:PORT]", split = ",",
            description = "members to join (repeatable or comma-separated); none = this is the first member")
    List<String> join = new ArrayList<>();

    @Option(names = "--interface", paramLabel = "ADDR",
            description = "the one address to bind; 127.0.0.1 unless named (required to reach other machines)")
    String bindInterface;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "crawlbench",
            description = "members and coordinators join only a cluster of this name (default: ${DEFAULT-VALUE})")
    String clusterName;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5701",
            description = "first port tried; the next ones are tried if it is taken (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--crawl-max-idle", paramLabel = "DURATION", defaultValue = "24h",
            converter = Converters.DurationConverter.class,
            description = "forget a crawl idle this long: its progress records, HTTP client and WARC files (a"
                    + " coordinator killed mid-crawl leaves them); must outlast the longest batch (default: ${DEFAULT-VALUE})")
    Duration crawlMaxIdle;

    @Option(names = "--parent-pid", paramLabel = "PID", hidden = true,
            description = "leave the cluster when this process exits (members a crawl's --members started)")
    Long parentPid;

    /**
     * The member the options describe.
     *
     * @throws IllegalArgumentException if they describe none (see {@link ClusterConfig#of})
     */
    ClusterConfig clusterConfig() {
        return ClusterConfig.of(clusterName, bindInterface, port, join).withCrawlMaxIdle(crawlMaxIdle);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream err = System.err;
        ClusterConfig cluster;
        try {
            cluster = clusterConfig();
        } catch (IllegalArgumentException e) {
            err.println("crawler: " + e.getMessage());
            return CrawlCommand.EXIT_USAGE;
        }
        try (MemberRuntime runtime = new MemberRuntime(err, cluster.crawlMaxIdle())) {
            HazelcastInstance member = Members.startData(cluster, runtime);
            CountDownLatch stopped = new CountDownLatch(1);
            member.getLifecycleService().addLifecycleListener(e -> {
                if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                    stopped.countDown();
                }
            });
            if (parentPid != null) {
                // A crawl's own member goes with its crawl, even one killed too hard to stop it.
                ProcessHandle.of(parentPid).map(ProcessHandle::onExit)
                        .ifPresentOrElse(exit -> exit.thenRun(member.getLifecycleService()::terminate),
                                member.getLifecycleService()::terminate);
            }
            if (!member.getLifecycleService().isRunning()) {
                stopped.countDown();
            }
            Address address = member.getCluster().getLocalMember().getAddress();
            // One line on stdout when the member has joined, for scripts (and tests) to wait on.
            System.out.printf("member pid %d ready at %s:%d in cluster %s with %d member(s)%n",
                    ProcessHandle.current().pid(), address.getHost(), address.getPort(), cluster.clusterName(),
                    member.getCluster().getMembers().size());
            System.out.flush();
            stopped.await();
        }
        return CrawlCommand.EXIT_OK;
    }
}
