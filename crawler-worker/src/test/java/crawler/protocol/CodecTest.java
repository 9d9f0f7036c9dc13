package crawler.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.fetch.FetchConfig;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageResult;
import crawler.page.PageTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {

    private final Codec codec = new Codec();

    private static PageResult okResult() {
        return new PageResult("http://127.0.0.1:1/p/1", "http://127.0.0.1:1/p/1b", 2, 200, "text/html", 1234,
                "Page \"one\"\nnext line", List.of("http://127.0.0.1:1/p/2", "http://127.0.0.1:1/p/3"),
                "ab12", 15, 3, 2, null, 4242, 77, "worker-1-fetch-0", false, 1);
    }

    private static PageResult failedResult() {
        return new PageResult("http://127.0.0.1:1/bad", "http://127.0.0.1:1/bad", 0, 0, null, 0, null, List.of(),
                null, 5, 0, 1, new PageError(ErrorKind.CONNECTION_RESET, "Connection reset"), 4242, 78,
                "fetch-p-3", true, null);
    }

    @Test
    void config_roundTrips_withDurations() {
        FetchConfig fetch = new FetchConfig("ua/1", Duration.ofMillis(1500), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMinutes(1), 1024, 3, 2, Duration.ofSeconds(7), true, 5, 16);
        ToWorker message = new ToWorker.Config(3, 8, fetch);

        String line = codec.encode(message);

        assertThat(line).contains("\"type\":\"config\"").contains("\"PT1.5S\"");
        assertThat(roundTripToWorker(message)).isEqualTo(message);
    }

    @Test
    void config_roundTrips_withWarcSettings() {
        FetchConfig fetch = FetchConfig.defaults().withWarc(new crawler.archive.WarcConfig("/tmp/out/crawl", 4096, null,
                "process", 16, "crawler crawl --warc /tmp/out/crawl"));
        ToWorker message = new ToWorker.Config(2, 8, fetch);

        assertThat(roundTripToWorker(message)).isEqualTo(message);
        assertThat(roundTripToWorker(new ToWorker.Config(2, 8, FetchConfig.defaults())))
                .isEqualTo(new ToWorker.Config(2, 8, FetchConfig.defaults()));
    }

    @Test
    void batch_roundTrips() {
        ToWorker message = new ToWorker.BatchMessage(7,
                List.of(new PageTask("http://127.0.0.1:1/a", 0), new PageTask("http://127.0.0.1:1/b", 3)));

        assertThat(codec.encode(message)).startsWith("{\"type\":\"batch\"");
        assertThat(roundTripToWorker(message)).isEqualTo(message);
    }

    @Test
    void shutdown_roundTrips() {
        ToWorker message = new ToWorker.Shutdown();

        assertThat(codec.encode(message)).isEqualTo("{\"type\":\"shutdown\"}");
        assertThat(roundTripToWorker(message)).isEqualTo(message);
    }

    @Test
    void hello_roundTrips() {
        FromWorker message = new FromWorker.Hello(123456789L, 2);

        assertThat(codec.encode(message)).contains("\"type\":\"hello\"");
        assertThat(roundTripFromWorker(message)).isEqualTo(message);
    }

    @Test
    void successfulResult_roundTrips_onOneLine() {
        FromWorker message = new FromWorker.ResultMessage(9, okResult());

        String line = codec.encode(message);

        assertThat(line).doesNotContain("\n").contains("\"type\":\"result\"");
        assertThat(roundTripFromWorker(message)).isEqualTo(message);
    }

    @Test
    void failedResult_roundTrips_withNestedErrorAndNullWorkerId() {
        FromWorker message = new FromWorker.ResultMessage(9, failedResult());

        FromWorker back = roundTripFromWorker(message);

        assertThat(back).isEqualTo(message);
        PageResult result = ((FromWorker.ResultMessage) back).result();
        assertThat(result.error().kind()).isEqualTo(ErrorKind.CONNECTION_RESET);
        assertThat(result.workerId()).isNull();
    }

    @Test
    void started_roundTrips() {
        FromWorker message = new FromWorker.Started(3, "http://127.0.0.1:1/a");

        assertThat(codec.encode(message)).isEqualTo("{\"type\":\"started\",\"batch\":3,\"url\":\"http://127.0.0.1:1/a\"}");
        assertThat(roundTripFromWorker(message)).isEqualTo(message);
    }

    @Test
    void batchDone_and_fatal_roundTrip() {
        assertThat(roundTripFromWorker(new FromWorker.BatchDone(11))).isEqualTo(new FromWorker.BatchDone(11));
        assertThat(roundTripFromWorker(new FromWorker.Fatal("no \"config\"")))
                .isEqualTo(new FromWorker.Fatal("no \"config\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[warning][cds] Not a valid shared archive file",
        "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes",
        "",
        "null",
        "{\"type\":\"nonsense\"}",
        "{\"pid\":1}",
        "{\"type\":\"hello\",\"pid\":",
        "[1,2,3]"
    })
    void nonProtocolLine_isReportedAsMalformed_notCrash(String line) {
        assertThatThrownBy(() -> codec.decodeFromWorker(line))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(e -> assertThat(((MalformedMessageException) e).line()).isEqualTo(line));
    }

    @Test
    void messageThatBreaksARecordInvariant_isMalformed() {
        String emptyBatch = "{\"type\":\"batch\",\"id\":1,\"urls\":[]}";

        assertThatThrownBy(() -> codec.decodeToWorker(emptyBatch))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("batch 1 is empty");
    }

    private ToWorker roundTripToWorker(ToWorker message) {
        try {
            return codec.decodeToWorker(codec.encode(message));
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    private FromWorker roundTripFromWorker(FromWorker message) {
        try {
            return codec.decodeFromWorker(codec.encode(message));
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}
