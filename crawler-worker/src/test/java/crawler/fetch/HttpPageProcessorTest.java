package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.ErrorKind;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.url.UrlNormalizer;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpPageProcessorTest {

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private HttpPageProcessor processor;

    @BeforeEach
    void start() throws IOException {
        server.start();
        FetchConfig config = FetcherTest.config(64 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(5));
        processor = new HttpPageProcessor(new Fetcher(config, time, time, time, Duration.ofMillis(1)),
                new UrlNormalizer());
    }

    @AfterEach
    void stop() {
        processor.close();
        server.close();
    }

    private PageResult process(String path) {
        return processor.process(new PageTask(server.url(path).toString(), 3));
    }

    @Test
    void htmlPage_isParsed_intoTitleLinksAndHash() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<title> T </title><a href=\"/x#f\">x</a><a href=\"http://other.test/\">o</a>").build());

        PageResult r = process("/page");

        assertThat(r.ok()).isTrue();
        assertThat(r.depth()).isEqualTo(3);
        assertThat(r.title()).isEqualTo("T");
        assertThat(r.links()).containsExactly(server.url("/x").toString(), "http://other.test/");
        assertThat(r.contentType()).isEqualTo("text/html");
        assertThat(r.bodySha256()).hasSize(64);
        assertThat(r.attempts()).isEqualTo(1);
    }

    @Test
    void crossHostRedirect_isSuccessWhoseOnlyLinkIsTheNormalisedTarget() {
        server.enqueue(new MockResponse.Builder().code(301)
                .setHeader("Location", "HTTP://Other.TEST:80/a/../b?z=1&a=2#frag").build());

        PageResult r = process("/moved");

        assertThat(r.error()).isNull();
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.links()).containsExactly("http://other.test/b?a=2&z=1");
        assertThat(r.title()).isNull();
        assertThat(r.bytes()).isZero();
    }

    @Test
    void unknownHeaderCharset_isCharsetError_namingTheUrl() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=x-bogus")
                .body("<title>x</title>").build());

        PageResult r = process("/bogus");

        assertThat(r.error().kind()).isEqualTo(ErrorKind.CHARSET);
        assertThat(r.error().message()).contains("/bogus");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytes()).isEqualTo("<title>x</title>".length());
    }

    @Test
    void cpuWork_leavesResultUnchanged() throws IOException {
        String html = "<title>cpu</title><a href=\"/n\">n</a>";
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body(html).build());
        PageResult plain = process("/p");

        FetchConfig busy = new FetchConfig("crawlbench-test/1", Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 64 * 1024, 5, 2, Duration.ofSeconds(10), false,
                1000, 4);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body(html).build());
        PageResult worked;
        try (HttpPageProcessor p = new HttpPageProcessor(busy)) {
            worked = p.process(new PageTask(server.url("/p").toString(), 3));
        }

        assertThat(worked.title()).isEqualTo(plain.title());
        assertThat(worked.links()).isEqualTo(plain.links());
        assertThat(worked.bodySha256()).isEqualTo(plain.bodySha256());
    }
}
