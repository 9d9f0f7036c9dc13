package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetcherTest {

    private static final String HTML = "<html><head><title>t</title></head><body>hi</body></html>";
    private static final Duration BACKOFF = Duration.ofMillis(200);

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private Fetcher fetcher;

    static FetchConfig config(long maxBody, Duration urlDeadline, Duration readTimeout) {
        return new FetchConfig("crawlbench-test/1", Duration.ofSeconds(2), readTimeout, Duration.ofSeconds(10),
                urlDeadline, maxBody, 5, 2, Duration.ofSeconds(10), false, 0, 4);
    }

    @BeforeEach
    void start() throws IOException {
        server.start();
        fetcher = fetcherWith(config(64 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private Fetcher fetcherWith(FetchConfig config) {
        return new Fetcher(config, time, time, time, BACKOFF);
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private static MockResponse html(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
                .body(body).build();
    }

    private static MockResponse redirect(int code, String location) {
        return new MockResponse.Builder().code(code).setHeader("Location", location).build();
    }

    private static MockResponse status(int code, String retryAfterOrNull) {
        MockResponse.Builder b = new MockResponse.Builder().code(code);
        if (retryAfterOrNull != null) {
            b.setHeader("Retry-After", retryAfterOrNull);
        }
        return b.build();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void okPage_isReadWithStatusTypeCharsetHashAndOneAttempt() throws Exception {
        server.enqueue(html(HTML));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.status()).isEqualTo(200);
            assertThat(f.mediaType()).isEqualTo("text/html");
            assertThat(f.charset()).isEqualTo("utf-8");
            assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo(HTML);
            assertThat(f.bytes()).isEqualTo(HTML.length());
            assertThat(f.bodySha256()).isEqualTo(RequestRunner.sha256Hex(HTML.getBytes(StandardCharsets.UTF_8)));
            assertThat(f.attempts()).isEqualTo(1);
            assertThat(f.isRedirect()).isFalse();
        });
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getHeaders().get("User-Agent")).isEqualTo("crawlbench-test/1");
        assertThat(req.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
    }

    @Test
    void sameHostRedirectChain_isFollowedToFinalPage() {
        server.enqueue(redirect(301, "/b"));
        server.enqueue(redirect(302, url("/c")));
        server.enqueue(html(HTML));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(out.finalUrl()).isEqualTo(url("/c"));
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.attempts()).isEqualTo(3);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void crossHostRedirect_isNotFollowed_andReportsTarget() {
        server.enqueue(redirect(302, "http://elsewhere.test/x#frag"));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.isRedirect()).isTrue();
            assertThat(f.location()).isEqualTo("http://elsewhere.test/x#frag");
            assertThat(f.status()).isEqualTo(302);
            assertThat(f.body()).isNull();
            assertThat(f.finalUrl()).isEqualTo(url("/a"));
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void redirectBackIntoChain_isRedirectLoop() {
        server.enqueue(redirect(302, "/b"));
        server.enqueue(redirect(302, "/a"));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.REDIRECT_LOOP));
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.attempts()).isEqualTo(2);
    }

    @Test
    void redirectsOverCap_areTooManyRedirects() {
        for (int i = 1; i <= 7; i++) {
            server.enqueue(redirect(302, "/r" + (i + 1)));
        }

        FetchOutcome out = fetcher.fetch(url("/r1"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.TOO_MANY_REDIRECTS));
        assertThat(out.attempts()).isEqualTo(6); // the first request plus 5 followed hops
        assertThat(out.finalUrl()).isEqualTo(url("/r6"));
    }

    @Test
    void unavailable_isRetriedAfterRetryAfter() {
        server.enqueue(status(503, "7"));
        server.enqueue(html(HTML));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(out.attempts()).isEqualTo(2);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfter_isReported_evenWhenTheRetryWaitedItOutAndSucceeded() {
        server.enqueue(status(429, "7"));
        server.enqueue(html(HTML));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(out.retryAfterMs()).as("the host's other URLs are to slow down too").isEqualTo(7_000);
    }

    @Test
    void retryAfterOverLimit_isReportedCappedAtTheLimit() {
        server.enqueue(status(503, "3600"));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(out.retryAfterMs()).isEqualTo(Duration.ofSeconds(10).toMillis());
    }

    @Test
    void retryAfterAsHttpDate_isReportedAsTheDelayFromNow() {
        server.enqueue(status(503, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                time.instant().plusSeconds(4).atZone(java.time.ZoneOffset.UTC))));
        server.enqueue(html(HTML));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out.retryAfterMs()).isEqualTo(4_000);
    }

    @Test
    void noRetryAfter_reportsNoPause() {
        server.enqueue(status(429, null));
        server.enqueue(html(HTML));

        assertThat(fetcher.fetch(url("/a")).retryAfterMs()).isZero();
    }

    @Test
    void tooManyRequests_withoutRetryAfter_backsOffExponentially_thenGivesUp() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(429, null));
        }

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.HTTP_4XX));
        assertThat(out.status()).isEqualTo(429);
        assertThat(out.attempts()).isEqualTo(3);
        assertThat(time.sleeps).containsExactly(BACKOFF, BACKOFF.multipliedBy(2));
    }

    @Test
    void retryAfterOverLimit_endsRetrying() {
        server.enqueue(status(503, "3600"));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.HTTP_5XX));
        assertThat(out.attempts()).isEqualTo(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void backOffPastDeadline_endsRetrying() {
        fetcher.close();
        fetcher = fetcherWith(config(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        server.enqueue(status(503, "8"));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(ErrorKind.HTTP_5XX);
            assertThat(f.message()).contains("deadline");
        });
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void serverError500_isNotRetried() {
        server.enqueue(status(500, null));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.HTTP_5XX));
        assertThat(out.attempts()).isEqualTo(1);
    }

    @Test
    void peerClosingBeforeResponse_isEmptyResponse_retriedUpToMax() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        }

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.EMPTY_RESPONSE));
        assertThat(out.status()).isZero();
        assertThat(out.attempts()).isEqualTo(3);
        assertThat(time.sleeps).hasSize(2);
    }

    @Test
    void refusedConnection_isConnect() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        FetchOutcome out = fetcher.fetch("http://127.0.0.1:" + closedPort + "/");

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.CONNECT));
        assertThat(out.attempts()).isEqualTo(3);
    }

    @Test
    void silentServer_isTimeout() {
        fetcher.close();
        fetcher = fetcherWith(config(64 * 1024, Duration.ofSeconds(60), Duration.ofMillis(200)));
        server.enqueue(new MockResponse.Builder().body(HTML).headersDelay(3, TimeUnit.SECONDS).build());

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.TIMEOUT));
        assertThat(out.attempts()).isEqualTo(1);
    }

    @Test
    void bodyOverCap_isTooLarge_readingOnlyTheCap() {
        fetcher.close();
        fetcher = fetcherWith(config(1000, Duration.ofSeconds(60), Duration.ofSeconds(5)));
        server.enqueue(html("x".repeat(100_000)));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.TOO_LARGE));
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.bytes()).isEqualTo(1000);
        assertThat(out.bodySha256()).isEqualTo(RequestRunner.sha256Hex("x".repeat(1000).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bodyExactlyAtCap_isRead() {
        fetcher.close();
        fetcher = fetcherWith(config(1000, Duration.ofSeconds(60), Duration.ofSeconds(5)));
        server.enqueue(html("x".repeat(1000)));

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(out.bytes()).isEqualTo(1000);
    }

    @Test
    void gzipBody_isDecoded() throws IOException {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .setHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(gzip(HTML.getBytes(StandardCharsets.UTF_8)))).build());

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Fetched.class,
                f -> assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo(HTML));
    }

    @Test
    void gzipBomb_isDecompressionBomb_readingOnlyTheCap() throws IOException {
        byte[] bomb = gzip(new byte[16 * 1024 * 1024]);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .setHeader("Content-Encoding", "gzip").body(new Buffer().write(bomb)).build());

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.DECOMPRESSION_BOMB));
        assertThat(out.bytes()).isEqualTo(64 * 1024);
    }

    @Test
    void gzipOfIncompressibleBodyOverCap_isTooLargeNotBomb() throws IOException {
        byte[] noise = new byte[256 * 1024];
        new Random(42).nextBytes(noise);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .setHeader("Content-Encoding", "gzip").body(new Buffer().write(gzip(noise))).build());

        FetchOutcome out = fetcher.fetch(url("/a"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.TOO_LARGE));
        assertThat(out.bytes()).isEqualTo(64 * 1024);
    }

    @Test
    void nonHtml_isUnsupportedContentType_withStatusAndTypeKept() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/pdf")
                .body("%PDF-1.4").build());

        FetchOutcome out = fetcher.fetch(url("/doc.pdf"));

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.UNSUPPORTED_CONTENT_TYPE));
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.mediaType()).isEqualTo("application/pdf");
        assertThat(out.bytes()).isZero();
    }

    @Test
    void anyTypePolicy_readsNonHtml() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
                .body("User-agent: *").build());

        FetchOutcome out = fetcher.fetch(url("/robots.txt"), BodyPolicy.anyType(1024));

        assertThat(out).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(out.bytes()).isEqualTo("User-agent: *".length());
    }

    @Test
    void notAnHttpUrl_isFailedWithoutRequest() {
        FetchOutcome out = fetcher.fetch("ftp://example.test/x");

        assertThat(out).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(ErrorKind.IO);
            assertThat(f.message()).contains("ftp://example.test/x");
        });
        assertThat(out.attempts()).isZero();
    }

    @Test
    void httpsUrl_isFetchedOverTls_evenThoughPlainUrlsNeverLoadedIt() throws IOException {
        server.enqueue(html(HTML));
        assertThat(fetcher.fetch(url("/plain"))).isInstanceOf(FetchOutcome.Fetched.class);

        // This server answers in plain HTTP at once, so a TLS handshake with it fails: a TLS error,
        // not a refusal to try, shows the https URL went to a TLS-capable client.
        FetchOutcome outcome;
        try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the fetch below then fails differently, and the assertion says how
                }
            });
            outcome = fetcher.fetch("https://127.0.0.1:" + plain.getLocalPort() + "/secure");
            answer.interrupt();
        }

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.kind()).as(f.message()).isEqualTo(ErrorKind.TLS));
    }
}
