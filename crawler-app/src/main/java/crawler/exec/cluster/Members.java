package crawler.exec.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * The one place that turns a {@link ClusterConfig} into a Hazelcast configuration and starts a
 * member. Hazelcast's defaults suit a data grid on a trusted LAN, not a crawler on someone's
 * laptop, so several are turned off here: binding every interface, phone-home, multicast discovery
 * and cloud auto-detection. Its logs go through SLF4J (slf4j-simple at warning level, like the
 * crawler's other libraries).
 */
public final class Members {

    /** The executor that runs crawl batches on the owner of each host's key. */
    static final String EXECUTOR = "crawl";
    /** Progress maps are named with this prefix and the crawl's id. */
    static final String PROGRESS_PREFIX = "crawl-progress-";
    /** Where a member keeps its {@link MemberRuntime} in Hazelcast's user context. */
    static final String RUNTIME_KEY = "crawler.member.runtime";
    /** Batch tasks a member runs at once, at most (the executor's pool; see config). */
    static final int BATCH_TASKS = 1024;

    private Members() {
    }

    /**
     * A data member: it owns partitions and runs the batches of the hosts it owns.
     *
     * @param runtime this member's fetch threads and page processors
     */
    public static HazelcastInstance startData(ClusterConfig cluster, MemberRuntime runtime) {
        logThroughSlf4j();
        Config config = config(cluster, false);
        config.getUserContext().put(RUNTIME_KEY, runtime);
        return Hazelcast.newHazelcastInstance(config);
    }

    /** A lite member: part of the cluster, owns no partitions, runs no batches (the coordinator). */
    public static HazelcastInstance startLite(ClusterConfig cluster) {
        logThroughSlf4j();
        return Hazelcast.newHazelcastInstance(config(cluster, true));
    }

    /** The members that run batches: every member but lite ones (a joined coordinator). */
    static java.util.List<com.hazelcast.cluster.Member> dataMembers(HazelcastInstance instance) {
        return instance.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).toList();
    }

    /**
     * Hazelcast's instance factory logs (its --add-opens advice) before it reads the config's
     * logging property, through java.util.logging unless the JVM-wide property says otherwise.
     * Set once, only if the user has not chosen a logger.
     */
    private static void logThroughSlf4j() {
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j");
        }
    }

    /** The configuration a member starts with; package-private for the test that checks it. */
    static Config config(ClusterConfig cluster, boolean lite) {
        Config config = new Config();
        config.setClusterName(cluster.clusterName());
        config.setLiteMember(lite);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // On SIGTERM a member leaves at once instead of first handing its partitions over: all it holds
        // is progress records of batches in flight, which have backups, and those batches run again.
        config.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).clear().addInterface(cluster.bindInterface());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // Every member of one cluster must use the same joiner: TCP/IP, listing the members to ask.
        // The first member lists itself; the embedded default joins nothing and lets nobody in.
        join.getTcpIpConfig().setEnabled(!cluster.closed());
        if (!cluster.closed() && cluster.join().isEmpty()) {
            join.getTcpIpConfig().addMember(cluster.bindInterface() + ":" + cluster.port());
        }
        for (String member : cluster.join()) {
            join.getTcpIpConfig().addMember(member);
        }

        // A batch task blocks a pool thread while its fetches run on virtual threads, and a batch
        // whose URLs span many hosts goes out as a task per host, so up to one task per URL in
        // flight can be out at once: the pool caps a member's fetches at this many tasks. Its
        // threads start on demand (a crawl at c = 100 used under 170 threads in all), so the
        // bound costs nothing until a crawl needs it; 1,024 covers the bench's many-host cells
        // up to c = 1,000, and 16-URL batches of one host up to c = 16,384.
        config.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(BATCH_TASKS).setStatisticsEnabled(false));
        // A coordinator killed mid-crawl never destroys its progress map (a resumed crawl starts a new
        // one), so its records expire on the members by themselves once nobody has touched them for a while.
        config.addMapConfig(new MapConfig(PROGRESS_PREFIX + "*").setBackupCount(1).setAsyncBackupCount(0)
                .setMaxIdleSeconds((int) cluster.crawlMaxIdle().toSeconds()).setStatisticsEnabled(false));
        return config;
    }
}
