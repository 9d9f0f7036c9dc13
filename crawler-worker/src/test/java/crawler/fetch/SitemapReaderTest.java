package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SitemapReaderTest {

    @RegisterExtension
    final MockSite site = new MockSite(1024 * 1024);

    @BeforeEach
    void script() {
        site.server.setDispatcher(new Dispatcher() {
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

    private static MockResponse xml(String body) {
        return MockSite.response(200, "application/xml", body);
    }

    private String index(String... paths) {
        return sitemap("sitemapindex", "sitemap", paths);
    }

    private String urlset(String... paths) {
        return sitemap("urlset", "url", paths);
    }

    /** A sitemap document: a {@code root} element holding an {@code entry} with a {@code loc} per path. */
    private String sitemap(String root, String entry, String... paths) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<" + root + " xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (String p : paths) {
            sb.append('<').append(entry).append("><loc>").append(site.url(p)).append("</loc></").append(entry).append('>');
        }
        return sb.append("</").append(root).append('>').toString();
    }

    @Test
    void index_isFollowed_urlsDedupedInOrder_brokenChildSkipped_selfReferenceReadOnce() {
        SitemapReader reader = new SitemapReader(site.fetcher());

        assertThat(reader.urls(site.url("/index.xml"), 100))
                .containsExactly(site.url("/p1"), site.url("/p2"), site.url("/p3"), site.url("/p4"));
        assertThat(site.server.getRequestCount()).isEqualTo(4); // index, a, b, missing
    }

    @Test
    void maxUrls_boundsTheResult() {
        assertThat(new SitemapReader(site.fetcher()).urls(site.url("/index.xml"), 3))
                .containsExactly(site.url("/p1"), site.url("/p2"), site.url("/p3"));
    }

    @Test
    void sitemapsOutOfScope_areNotFetched_indexChildrenIncluded() {
        // The crawl's scope, as a predicate: /b.xml (an index child) lies outside it.
        SitemapReader reader = new SitemapReader(site.fetcher(), u -> !u.endsWith("/b.xml"));

        assertThat(reader.urls(site.url("/index.xml"), 100)).containsExactly(site.url("/p1"), site.url("/p2"));
        assertThat(site.server.getRequestCount()).isEqualTo(3); // index, a, missing: never b
        assertThat(new SitemapReader(site.fetcher(), u -> false).urls(site.url("/index.xml"), 100)).isEmpty();
        assertThat(site.server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void missingSitemap_givesNoUrls() {
        assertThat(new SitemapReader(site.fetcher()).urls(site.url("/missing.xml"), 10)).isEmpty();
    }
}
