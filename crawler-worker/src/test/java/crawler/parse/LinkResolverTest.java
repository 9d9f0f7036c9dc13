package crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.url.UrlNormalizer;
import java.util.Optional;
import java.util.Random;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkResolverTest {

    private static final String[] BASES = {"http://site.test/dir/page.html", "http://site.test/",
        "https://site.test:8443/a/b/?q=1", "http://site.test/dir/", "http://Site.test/x/../y/z.html",
        "http://[::1]:8080/d/p", "ftp://site.test/a/", "http://site.test/a%20b/c", "http://site.test/p?b=2&a=1",
        "not a url", "http://site.test/a/b\nc/d.html"};
    private static final String[] HREFS = {"", "/", "/abs", "/abs/x.html", "rel.html", "rel/sub.html", "./rel",
        "../up.html", "//other.test/p", "?q=2", "#frag", "rel.html?b=1&a=2#f", "/x?", "HTTP://SITE.test/Z",
        "http://other.test/ok", "a:b", "a\\b", " spaced.html ", "sp ace.html", "%7Euser", "\u00e9.html", "/a//b",
        "x/./y", "..", ".", "b.html#", "?", "//", "/#x", "x?y#z", "li\nne.html", "p?a=", "/q?a&&b"};

    private final UrlNormalizer normalizer = new UrlNormalizer(0);

    @ParameterizedTest(name = "{1} against {0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://site.test/dir/page.html | /l4/p12.html      | http://site.test/l4/p12.html
            http://site.test/dir/page.html | b.html?y=1&x=2#f  | http://site.test/dir/b.html?x=2&y=1
            http://site.test/dir/page.html | ../c.html         | http://site.test/c.html
            https://site.test:8443/a/b/?q=1 | c                | https://site.test:8443/a/b/c
            http://site.test/dir/page.html | //cdn.test/x      | http://cdn.test/x
            http://site.test/dir/page.html | ?q=1              | http://site.test/dir/page.html?q=1
            """)
    void resolvesReferencesAsBrowsersDo(String base, String href, String expected) {
        String abs = new LinkResolver(base, normalizer).resolve(href);

        assertThat(normalizer.normalize(abs)).contains(expected);
    }

    /** Every base against every reference and pairs of references joined; seeded, so the same every run. */
    @Test
    void answer_isAlwaysWhatOkHttpsResolutionNormalisedGives() {
        Random rng = new Random(1202L);
        for (String base : BASES) {
            LinkResolver resolver = new LinkResolver(base, normalizer);
            for (int n = 0; n < 400; n++) {
                String href = n < HREFS.length ? HREFS[n] : HREFS[rng.nextInt(HREFS.length)] + HREFS[rng.nextInt(HREFS.length)];
                assertThat(normalised(resolver.resolve(href))).as("%s against %s", href, base)
                        .isEqualTo(okHttpsAnswer(base, href));
            }
        }
    }

    private Optional<String> normalised(String absolute) {
        return absolute == null ? Optional.empty() : normalizer.normalize(absolute);
    }

    /** The reference answer: OkHttp resolves the link against the base (both cleaned of control characters). */
    private Optional<String> okHttpsAnswer(String base, String href) {
        String cleanHref = LinkResolver.stripControlChars(href);
        HttpUrl parsedBase = HttpUrl.parse(LinkResolver.stripControlChars(base));
        HttpUrl url = parsedBase != null ? parsedBase.resolve(cleanHref) : HttpUrl.parse(cleanHref);
        return url == null ? Optional.empty() : normalizer.normalize(url.toString());
    }
}
