package crawler.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.DistributedObjectEvent;
import com.hazelcast.core.DistributedObjectListener;
import com.hazelcast.core.HazelcastInstance;
import com.sun.net.httpserver.HttpServer;
import crawler.exec.Batch;
import crawler.exec.ResultListener;
import crawler.fetch.FetchConfig;
import crawler.frontier.PolitenessConfig;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.ToWorker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a crawl leaves on the members of a cluster it joined: a normal end leaves neither its
 * progress map nor its processor; a crawl whose coordinator was killed leaves a map whose records
 * every member drops once idle ({@link MemberRuntimeTest}: and its processor).
 */
class ProgressCleanupTest {

    private static final int PAGES = 3;

    @Test
    void everyMembersConfig_dropsIdleProgressRecords_afterTheConfiguredTime() {
        ClusterConfig byDefault = ClusterConfig.of("c", null, 5801, List.of());
        for (boolean lite : new boolean[] {false, true}) {
            MapConfig progress = Members.config(byDefault, lite).findMapConfig(Members.PROGRESS_PREFIX + UUID.randomUUID());
            assertThat(progress.getMaxIdleSeconds()).as("lite %s", lite).isEqualTo(24 * 3600);
            assertThat(progress.getBackupCount()).isEqualTo(1);
        }
        MapConfig embedded = Members.config(ClusterConfig.embedded(), false).findMapConfig(Members.PROGRESS_PREFIX + "x");
        assertThat(embedded.getMaxIdleSeconds()).isEqualTo(24 * 3600);
        MapConfig shorter = Members.config(byDefault.withCrawlMaxIdle(Duration.ofMinutes(90)), false)
                .findMapConfig(Members.PROGRESS_PREFIX + "x");
        assertThat(shorter.getMaxIdleSeconds()).isEqualTo(90 * 60);
        // Only the crawl's maps expire: Hazelcast's default for other names keeps entries.
        assertThat(Members.config(byDefault, false).findMapConfig("other").getMaxIdleSeconds()).isZero();
    }

    @Test
    void aNormalCrawlEnd_leavesNoProgressMapOnTheMember() throws Exception {
        HttpServer site = TinySite.start();
        String clusterName = "cleanup-" + UUID.randomUUID();
        Set<String> created = ConcurrentHashMap.newKeySet();
        try (MemberRuntime runtime = new MemberRuntime(System.err, Duration.ofHours(1))) {
            HazelcastInstance member = Members.startData(ClusterConfig.of(clusterName, null, freePort(), List.of()), runtime);
            try {
                member.addDistributedObjectListener(new DistributedObjectListener() {
                    @Override
                    public void distributedObjectCreated(DistributedObjectEvent event) {
                        created.add(event.getObjectName().toString());
                    }

                    @Override
                    public void distributedObjectDestroyed(DistributedObjectEvent event) {
                    }
                });
                int memberPort = member.getCluster().getLocalMember().getAddress().getPort();
                Results results = new Results();
                ClusterExecutor crawl = new ClusterExecutor(
                        ClusterConfig.of(clusterName, null, freePort(), List.of("127.0.0.1:" + memberPort)),
                        new ToWorker.Config(0, PAGES, FetchConfig.defaults()), PolitenessConfig.unlimited(), results,
                        new PrintStream(PrintStream.nullOutputStream()));
                try {
                    String base = "http://127.0.0.1:" + site.getAddress().getPort() + "/p";
                    crawl.submit(new Batch(0, List.of(new PageTask(base + 0, 0), new PageTask(base + 1, 1),
                            new PageTask(base + 2, 1))));
                    for (int i = 0; i < PAGES; i++) {
                        PageResult r = results.queue.poll(60, TimeUnit.SECONDS);
                        assertThat(r).as("result %d", i).isNotNull();
                        assertThat(r.status()).as(r.url()).isEqualTo(200);
                    }
                } finally {
                    crawl.shutdown(5_000);
                }

                assertThat(created).as("the crawl's progress map was made on the member")
                        .anyMatch(name -> name.startsWith(Members.PROGRESS_PREFIX));
                assertThat(member.getDistributedObjects()).map(DistributedObject::getName)
                        .noneMatch(name -> name.startsWith(Members.PROGRESS_PREFIX));
                assertThat(runtime.crawls()).as("the crawl's processor on the member").isEmpty();
            } finally {
                member.shutdown();
            }
        } finally {
            site.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static final class Results implements ResultListener {
        final BlockingQueue<PageResult> queue = new LinkedBlockingQueue<>();

        @Override
        public void onResult(PageResult result) {
            queue.add(result);
        }
    }
}
