package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.archive.WarcConfig;
import crawler.chaos.ChaosPlan;
import crawler.exec.Concurrency;
import crawler.exec.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrawlSettingsTest {

    private static CrawlSettings settings(Mode mode, int concurrency, int workers) {
        return TestCrawls.settings(mode, 1, concurrency, workers, 0);
    }

    @ParameterizedTest(name = "{0} -c {1} --workers {2}")
    @CsvSource({
        // mode, concurrency, workers -> in flight, workers, threads per fetching JVM
        "VIRTUAL,  64, 2, 64, 0, 64",
        "PLATFORM, 16, 2, 16, 0, 16",
        "PROCESS,  64, 4, 64, 4, 16",
        "PROCESS,  10, 3, 10, 3,  3",
        "PROCESS,   1, 1,  1, 1,  1",
        "CLUSTER,  32, 2, 32, 0, 32",
    })
    void concurrency_isLaidOutPerMode(Mode mode, int concurrency, int workers, int inFlight, int reportedWorkers,
                                      int threadsPerJvm) {
        CrawlSettings s = settings(mode, concurrency, workers);

        assertThat(s.concurrency()).isEqualTo(new Concurrency(inFlight, reportedWorkers, threadsPerJvm));
        assertThat(s.fetchPerJvm().maxIdleConnections()).as("connection pool per JVM").isEqualTo(threadsPerJvm);
    }

    @Test
    void warcFiles_areStampedWithTheCrawlsModeAndConcurrency_whateverTheyWereGiven() {
        WarcConfig given = new WarcConfig("out/crawl", WarcConfig.DEFAULT_MAX_FILE_BYTES, null, null, 0, "crawler crawl");
        CrawlSettings base = settings(Mode.PROCESS, 12, 3);
        CrawlSettings s = base.toBuilder().fetch(base.fetch().withWarc(given)).build();

        WarcConfig warc = s.fetchPerJvm().warc();
        assertThat(warc.mode()).isEqualTo("process");
        assertThat(warc.concurrency()).isEqualTo(12);
        assertThat(s.toBuilder().mode(Mode.VIRTUAL).build().fetchPerJvm().warc().mode()).isEqualTo("virtual");
    }

    @Test
    void toBuilder_givesTheSameSettingsBack() {
        CrawlSettings s = settings(Mode.PROCESS, 8, 2).toBuilder().chaos(ChaosPlan.parse("kill-worker=3,oom-at=2"))
                .workerJvmOptions(List.of("-Xmx64m")).sitemaps(true, 7).denyPrivate(true).build();

        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(s.toBuilder().maxDepth(5).build().frontier().maxDepth()).isEqualTo(5);
    }

    @Test
    void processMode_needsAThreadPerWorker() {
        assertThatThrownBy(() -> settings(Mode.PROCESS, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--concurrency (2) must be at least --workers (3): each worker needs a thread");
        assertThatThrownBy(() -> settings(Mode.PROCESS, 2, 0))
                .hasMessage("--workers must be >= 1 in process mode, was 0");
    }

    @Test
    void workerKills_needProcessMode() {
        assertThatThrownBy(() -> TestCrawls.settings(Mode.PLATFORM, 1, 4, 1, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--chaos kill-worker needs --mode process (there is no worker to kill in platform mode)");
    }

    @Test
    void missingRequiredPart_isNamed() {
        assertThatThrownBy(() -> CrawlSettings.builder(Mode.VIRTUAL).build()).hasMessage("pacing not set");
    }
}
