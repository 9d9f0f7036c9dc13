package crawler.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.archive.WarcConfig;
import crawler.fetch.CrawlRules;
import crawler.fetch.FetchConfig;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageResult;
import crawler.page.PageTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worker protocol's wire format, pinned line by line. The messages are records whose field
 * names Jackson writes as they are ({@link Chaos}, {@link PageResult}); the fetch configuration
 * travels as the wire records {@code FetchSpec}, {@code WarcSpec} and {@code RulesSpec}, whose names
 * are declared, so renaming a field of {@link FetchConfig} or {@link WarcConfig} changes nothing on
 * the wire while renaming a message field or a declared name does: this test makes that a visible,
 * reviewed change. A coordinator and its workers always
 * come from the same build, so an intended change only needs the golden line updated here.
 */
class ProtocolGoldenLinesTest {

    private final Codec codec = new Codec();

    private static final FetchConfig FETCH = new FetchConfig("ua/1", Duration.ofSeconds(5), Duration.ofMillis(1500),
            Duration.ofSeconds(30), Duration.ofMinutes(1), 4_194_304, 5, 2, Duration.ofSeconds(10), true, 7, 64,
            new WarcConfig("out/crawl", 1_000_000_000L, 3, "process", 64, "crawler crawl x"),
            new CrawlRules(true, java.util.Set.of("localhost"), true, List.of("/private/")));

    private static final PageResult RESULT = new PageResult("http://h:1/a", "http://h:1/b", 2, 503, "text/html", 12,
            "T", List.of("http://h:1/c"), "abcd", 40, 3, 4, new PageError(ErrorKind.HTTP_5XX, "503 after retries"),
            4321, 57, "worker-3-fetch-1", false, 3, java.util.Map.of("no_usable_host", 2, "other_scheme", 1), 10_000);

    @Test
    void messagesToAWorker_haveTheseLines() throws Exception {
        assertGolden(new ToWorker.Config(3, 8, FETCH, new Chaos(20, 0)),
                "{\"type\":\"config\",\"workerId\":3,\"threads\":8,\"fetch\":{\"userAgent\":\"ua/1\",\"connectTimeout\":\"PT5S\",\"readTimeout\":\"PT1.5S\",\"callTimeout\":\"PT30S\",\"urlDeadline\":\"PT1M\",\"maxBodyBytes\":4194304,\"maxRedirects\":5,\"maxRetries\":2,\"maxRetryAfter\":\"PT10S\",\"followNofollow\":true,\"cpuWorkRounds\":7,\"maxIdleConnections\":64,\"warc\":{\"prefix\":\"out/crawl\",\"maxFileBytes\":1000000000,\"workerId\":3,\"mode\":\"process\",\"concurrency\":64,\"commandLine\":\"crawler crawl x\"},\"rules\":{\"denyPrivate\":true,\"allowedHosts\":[\"localhost\"],\"obeyRobots\":true,\"excludes\":[\"/private/\"]}},\"chaos\":{\"oomAt\":20,\"errorAt\":0,\"hangAt\":0}}");
        assertGolden(new ToWorker.BatchMessage(7, List.of(new PageTask("http://h:1/a", 0), new PageTask("http://h:1/b", 2))),
                "{\"type\":\"batch\",\"id\":7,\"urls\":[{\"url\":\"http://h:1/a\",\"depth\":0},{\"url\":\"http://h:1/b\",\"depth\":2}]}");
        assertGolden(new ToWorker.Cancel(7, "http://h:1/a"), "{\"type\":\"cancel\",\"batch\":7,\"url\":\"http://h:1/a\"}");
        assertGolden(new ToWorker.Shutdown(), "{\"type\":\"shutdown\"}");
    }

    @Test
    void messagesFromAWorker_haveTheseLines() throws Exception {
        assertGolden(new FromWorker.Hello(4321, 3), "{\"type\":\"hello\",\"pid\":4321,\"workerId\":3}");
        assertGolden(new FromWorker.Started(7, "http://h:1/a"), "{\"type\":\"started\",\"batch\":7,\"url\":\"http://h:1/a\"}");
        assertGolden(new FromWorker.ResultMessage(7, RESULT),
                "{\"type\":\"result\",\"batch\":7,\"result\":{\"url\":\"http://h:1/a\",\"finalUrl\":\"http://h:1/b\",\"depth\":2,\"status\":503,\"contentType\":\"text/html\",\"bytes\":12,\"title\":\"T\",\"links\":[\"http://h:1/c\"],\"bodySha256\":\"abcd\",\"fetchMs\":40,\"parseMs\":3,\"attempts\":4,\"error\":{\"kind\":\"HTTP_5XX\",\"message\":\"503 after retries\"},\"pid\":4321,\"threadId\":57,\"threadName\":\"worker-3-fetch-1\",\"virtual\":false,\"workerId\":3,\"invalidLinks\":{\"no_usable_host\":2,\"other_scheme\":1},\"retryAfterMs\":10000}}");
        assertGolden(new FromWorker.Cancelled(7, "http://h:1/a"),
                "{\"type\":\"cancelled\",\"batch\":7,\"url\":\"http://h:1/a\"}");
        assertGolden(new FromWorker.BatchDone(7), "{\"type\":\"done\",\"batch\":7}");
        assertGolden(new FromWorker.Fatal("no config"), "{\"type\":\"fatal\",\"message\":\"no config\"}");
    }

    @Test
    void aResultLineWithoutTheFieldsAddedLater_stillReads() throws Exception {
        String before = "{\"type\":\"result\",\"batch\":7,\"result\":{\"url\":\"http://h:1/a\",\"finalUrl\":\"http://h:1/b\",\"depth\":2,\"status\":503,\"contentType\":\"text/html\",\"bytes\":12,\"title\":\"T\",\"links\":[\"http://h:1/c\"],\"bodySha256\":\"abcd\",\"fetchMs\":40,\"parseMs\":3,\"attempts\":4,\"error\":{\"kind\":\"HTTP_5XX\",\"message\":\"503 after retries\"},\"pid\":4321,\"threadId\":57,\"threadName\":\"worker-3-fetch-1\",\"virtual\":false,\"workerId\":3}}";

        FromWorker decoded = codec.decodeFromWorker(before);

        assertThat(decoded).isEqualTo(new FromWorker.ResultMessage(7, new PageResult(RESULT.url(), RESULT.finalUrl(),
                2, 503, "text/html", 12, "T", RESULT.links(), "abcd", 40, 3, 4, RESULT.error(), 4321, 57,
                "worker-3-fetch-1", false, 3)));
        assertThat(((FromWorker.ResultMessage) decoded).result().retryAfterMs()).isZero();
    }

    private void assertGolden(ToWorker message, String line) throws MalformedMessageException {
        assertThat(codec.encode(message)).isEqualTo(line);
        assertThat(codec.decodeToWorker(line)).isEqualTo(message);
    }

    private void assertGolden(FromWorker message, String line) throws MalformedMessageException {
        assertThat(codec.encode(message)).isEqualTo(line);
        assertThat(codec.decodeFromWorker(line)).isEqualTo(message);
    }
}
