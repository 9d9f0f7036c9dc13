package crawler.fetch;

import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scripted server and a {@link Fetcher} on fake time (backoffs do not wait), started before each
 * test and closed after it. Use it as {@code @RegisterExtension final MockSite site = new
 * MockSite(maxBodyBytes);}; its callbacks run before the test's own {@code @BeforeEach} methods.
 */
final class MockSite implements BeforeEachCallback, AfterEachCallback {

    final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private final long maxBodyBytes;
    private Fetcher fetcher;

    MockSite(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server.start();
        fetcher = new Fetcher(FetcherTest.config(maxBodyBytes, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                time, time, time, Duration.ofMillis(1));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fetcher.close();
        server.close();
    }

    Fetcher fetcher() {
        return fetcher;
    }

    /** The absolute URL of {@code path} on the server. */
    String url(String path) {
        return server.url(path).toString();
    }

    static MockResponse response(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType).body(body).build();
    }
}
