package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.archive.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the fetcher hands the archive: every exchange that got a response, as it crossed the wire. */
class FetcherWireCaptureTest {

    private static final String HTML = "<html><head><title>t</title></head><body>hi</body></html>";

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private Fetcher fetcher;
    private final List<HttpExchange> exchanges = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server.start();
        fetcher = new Fetcher(FetcherTest.config(1024, Duration.ofSeconds(60), Duration.ofSeconds(5)), time, time, time,
                Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private FetchOutcome fetch(String path) {
        return fetcher.fetch(server.url(path).toString(), BodyPolicy.html(1024), exchanges::add);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void gzipBody_isCapturedAsReceived_stillCompressed() throws IOException {
        byte[] gz = gzip(HTML.getBytes(StandardCharsets.UTF_8));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .setHeader("Content-Encoding", "gzip").body(new Buffer().write(gz)).build());

        FetchOutcome outcome = fetch("/p");

        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(exchanges).hasSize(1);
        HttpExchange e = exchanges.get(0);
        assertThat(e.payload()).isEqualTo(gz);
        assertThat(e.truncation()).isEqualTo(HttpExchange.Truncation.NONE);
        assertThat(text(e.requestHeader())).startsWith("GET /p HTTP/1.1\r\n")
                .contains("Accept-Encoding: gzip\r\n", "Host: " + server.getHostName() + ":" + server.getPort() + "\r\n",
                        "User-Agent: crawlbench-test/1\r\n")
                .endsWith("\r\n\r\n");
        assertThat(text(e.responseHeader())).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Encoding: gzip\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void redirectHops_andRetriedResponses_areEachAnExchange_withTheirBodies() {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/b").body("moved").build());
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "1").body("busy").build());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body(HTML).build());

        fetch("/a");

        assertThat(exchanges).extracting(HttpExchange::targetUri)
                .containsExactly(server.url("/a").toString(), server.url("/b").toString(), server.url("/b").toString());
        assertThat(exchanges).extracting(e -> text(e.payload())).containsExactly("moved", "busy", HTML);
        assertThat(text(exchanges.get(0).responseHeader())).startsWith("HTTP/1.1 302 ");
    }

    @Test
    void overCapBody_isCapturedUpToTheCap_andMarkedTruncatedByLength() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("x".repeat(5000)).build());

        fetch("/big");

        assertThat(exchanges).singleElement().satisfies(e -> {
            assertThat(e.payload()).hasSize(1024);
            assertThat(e.truncation()).isEqualTo(HttpExchange.Truncation.LENGTH);
        });
    }

    @Test
    void chunkedResponse_isCapturedDechunked_andFlaggedChunked() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .chunkedBody(HTML, 7).build());

        fetch("/chunked");

        assertThat(exchanges).singleElement().satisfies(e -> {
            assertThat(text(e.payload())).isEqualTo(HTML);
            assertThat(e.chunked()).isTrue();
        });
    }

    @Test
    void withoutConsumer_nothingIsCaptured_andTheOutcomeIsTheSame() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body(HTML).build());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body(HTML).build());

        FetchOutcome plain = fetcher.fetch(server.url("/p").toString(), BodyPolicy.html(1024));
        FetchOutcome captured = fetch("/p");

        assertThat(captured.bodySha256()).isEqualTo(plain.bodySha256());
        assertThat(exchanges).hasSize(1);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
