package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.chaos.ChaosPlan;
import crawler.exec.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrawlArgsTest {

    @Test
    void argv_parsedByTheCrawlsOwnOptions_givesTheSameArgsBack_inEveryMode() {
        for (Mode mode : Mode.values()) {
            CrawlArgs args = CrawlArgs.unthrottled(mode, 25, 2, 16, 0, 1500, Duration.ofMillis(20_500));
            assertThat(CrawlOptions.parse(args.argv()).toArgs()).as(mode.label()).isEqualTo(args);
        }
        CrawlArgs chaos = CrawlArgs.unthrottled(Mode.PROCESS, 8, 2, 4, 3, 0, Duration.ofSeconds(30))
                .withChaos(ChaosPlan.parse("kill-worker=60,oom-at=5")).withStallTimeout(Duration.ofSeconds(15)).withWorkerJvmOptions(List.of("-Xmx64m"));
        assertThat(CrawlOptions.parse(chaos.argv()).toArgs()).isEqualTo(chaos);
        assertThat(chaos.argv()).containsSequence("--chaos", "kill-worker=60,oom-at=5");
        CrawlArgs hang = CrawlArgs.unthrottled(Mode.VIRTUAL, 8, 0, 4, 3, 0, Duration.ofSeconds(30))
                .withChaos(ChaosPlan.parse("hang-at=3,error-at=2"));
        assertThat(CrawlOptions.parse(hang.argv()).toArgs()).isEqualTo(hang);
    }

    @Test
    void argv_withoutChaos_namesNoChaosOption() {
        assertThat(CrawlArgs.unthrottled(Mode.PROCESS, 8, 2, 4, 3, 0, Duration.ZERO).argv()).doesNotContain("--chaos");
    }

    @Test
    void argv_turnsPolitenessOff_andTheSettingsSayWhatTheRecordSays() {
        CrawlArgs args = CrawlArgs.unthrottled(Mode.PROCESS, 25, 2, 16, 0, 7, Duration.ofSeconds(20));
        CrawlSettings s = CrawlOptions.parse(args.argv()).toSettings();

        assertThat(s.mode()).isEqualTo(Mode.PROCESS);
        assertThat(s.workers()).isEqualTo(2);
        assertThat(s.pacing().concurrency()).isEqualTo(25);
        assertThat(s.pacing().maxTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.politeness().maxPerHost()).isZero();
        assertThat(s.politeness().minDelay()).isZero();
        assertThat(s.politeness().honourCrawlDelay()).isFalse();
        assertThat(s.frontier().maxPages()).isZero();
        assertThat(s.fetch().cpuWorkRounds()).isEqualTo(7);
    }

    @Test
    void members_roundTripInClusterMode_andAreRefusedElsewhere() {
        CrawlArgs two = CrawlArgs.unthrottled(Mode.CLUSTER, 10, 0, 16, 0, 0, Duration.ZERO).withMembers(2);
        assertThat(two.argv()).containsSequence("--members", "2");
        CrawlOptions parsed = CrawlOptions.parse(two.argv());
        assertThat(parsed.toArgs()).isEqualTo(two);
        assertThat(parsed.clusterConfig().localMembers()).isEqualTo(2);
        assertThat(CrawlArgs.unthrottled(Mode.CLUSTER, 10, 0, 16, 0, 0, Duration.ZERO).argv()).as("one member: the default")
                .doesNotContain("--members");
        assertThatThrownBy(() -> CrawlArgs.unthrottled(Mode.VIRTUAL, 4, 0, 4, 0, 0, Duration.ZERO).withMembers(2))
                .hasMessageContaining("members must be >= 1 in cluster mode and 0 in virtual mode, was 2");
        assertThatThrownBy(() -> CrawlArgs.unthrottled(Mode.CLUSTER, 4, 0, 4, 0, 0, Duration.ZERO).withMembers(0))
                .hasMessageContaining("members must be >= 1 in cluster mode");
    }

    @Test
    void workerKills_needWorkers_andThreadModesHaveNone() {
        assertThatThrownBy(() -> CrawlArgs.unthrottled(Mode.VIRTUAL, 4, 2, 4, 0, 0, Duration.ZERO).withChaos(ChaosPlan.killingWorkerEvery(10)))
                .hasMessageContaining("killWorkerEvery needs worker processes; virtual mode has none");
        assertThat(CrawlArgs.unthrottled(Mode.PLATFORM, 4, 2, 4, 0, 0, Duration.ZERO).workers()).isZero();
    }
}
