package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SitemapReaderTest {

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private Fetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server.start();
        fetcher = new Fetcher(FetcherTest.config(1024 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                time, time, time, Duration.ofMillis(1));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                return switch (path) {
                    case "/index.xml" -> xml(index("/a.xml", "/b.xml", "/index.xml", "/missing.xml"));
                    case "/a.xml" -> xml(urlset("/p1", "/p2"));
                    case "/b.xml" -> xml(urlset("/p2", "/p3", "/p4"));
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private static MockResponse xml(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml").body(body).build();
    }

    private String index(String... paths) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (String p : paths) {
            sb.append("<sitemap><loc>").append(url(p)).append("</loc></sitemap>");
        }
        return sb.append("</sitemapindex>").toString();
    }

    private String urlset(String... paths) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (String p : paths) {
            sb.append("<url><loc>").append(url(p)).append("</loc></url>");
        }
        return sb.append("</urlset>").toString();
    }

    @Test
    void index_isFollowed_urlsDedupedInOrder_brokenChildSkipped_selfReferenceReadOnce() {
        SitemapReader reader = new SitemapReader(fetcher);

        assertThat(reader.urls(url("/index.xml"), 100))
                .containsExactly(url("/p1"), url("/p2"), url("/p3"), url("/p4"));
        assertThat(server.getRequestCount()).isEqualTo(4); // index, a, b, missing
    }

    @Test
    void maxUrls_boundsTheResult() {
        assertThat(new SitemapReader(fetcher).urls(url("/index.xml"), 3))
                .containsExactly(url("/p1"), url("/p2"), url("/p3"));
    }

    @Test
    void sitemapsOutOfScope_areNotFetched_indexChildrenIncluded() {
        // The crawl's scope, as a predicate: /b.xml (an index child) lies outside it.
        SitemapReader reader = new SitemapReader(fetcher, u -> !u.endsWith("/b.xml"));

        assertThat(reader.urls(url("/index.xml"), 100)).containsExactly(url("/p1"), url("/p2"));
        assertThat(server.getRequestCount()).isEqualTo(3); // index, a, missing: never b
        assertThat(new SitemapReader(fetcher, u -> false).urls(url("/index.xml"), 100)).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void missingSitemap_givesNoUrls() {
        assertThat(new SitemapReader(fetcher).urls(url("/missing.xml"), 10)).isEmpty();
    }
}
