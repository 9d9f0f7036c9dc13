package crawler.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuickCanonicalTest {

    private final UrlNormalizer full = new UrlNormalizer(0);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://localhost:18080/l4/p1318.html           | http://localhost:18080/l4/p1318.html
            http://localhost:18080/l4/p1318.html?          | http://localhost:18080/l4/p1318.html
            http://localhost:18080/l1/p8.html#section-2    | http://localhost:18080/l1/p8.html
            https://example.com/view?id=3&lang=en#top      | https://example.com/view?id=3&lang=en
            http://127.0.0.1:8080/a/b_c~d                  | http://127.0.0.1:8080/a/b_c~d
            http://example.com/a?a&a=1&b=2                 | http://example.com/a?a&a=1&b=2
            http://localhost:18080/view?lang=en&id=2551    | http://localhost:18080/view?id=2551&lang=en
            http://example.com/a?b=1&a=2&a=10#f            | http://example.com/a?a=10&a=2&b=1
            """)
    void canonicalUrls_areAnsweredQuickly_withTheFullNormalisersAnswer(String in, String expected) {
        assertThat(QuickCanonical.of(in)).isEqualTo(expected);
        assertThat(full.normalizeFully(in)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP://example.com/a", "http://Example.com/a", "http://example.com:80/a",
            "https://example.com:443/a", "http://example.com", "http://example.com?x=1", "http://example.com/a/./b",
            "http://example.com/a/../b", "http://example.com//a", "http://example.com/a?a=",
            "http://example.com/a?a&&b", "http://example.com/a?b=1&a=%41", "http://example.com/a?b=1&a=2?",
            "http://example.com/%7euser", "http://example.com/a b", "http://user@example.com/",
            "http://[::1]/", "http://example.com./a", "http://1.2.3.04/", "http://1example.2com/", "http://a-.com/",
            "http://example.com:08080/", "http://example.com:99999/", "http://example.com/a:b", "ftp://example.com/"})
    void urlsTheNormaliserWouldRewrite_orMightReject_areLeftToIt(String in) {
        assertThat(QuickCanonical.of(in)).isNull();
    }

    /** Many spellings built from pieces each normalisation step cares about; seeded, so the same every run. */
    @Test
    void quickAnswer_isAlwaysTheFullNormalisersAnswer() {
        String[] schemes = {"http://", "https://", "HTTP://", "Https://"};
        String[] hosts = {"example.com", "Example.com", "a-b.example", "localhost", "127.0.0.1", "10.0.0.256",
                "1.2.3", "x.1y", "xn--bcher-kva.example", "example.com.", "-a.com", "a..b"};
        String[] ports = {"", ":80", ":443", ":8080", ":0", ":65535", ":65536", ":007"};
        String[] segments = {"a", "b.html", ".", "..", "", "%7E", "%2f", "a b", "~x", "_y", "c-d", "é", "a:b", "x.", ".x"};
        String[] params = {"a", "a=1", "a=2", "b", "b=", "=1", "c=x=y", "d=%41", "e=~", "", "A=1"};
        String[] tails = {"", "?", "#f", "?#f", "#", "#a?b"};
        Random rng = new Random(20261202L);
        List<String> checked = new ArrayList<>();
        for (int n = 0; n < 40_000; n++) {
            StringBuilder url = new StringBuilder(pick(rng, schemes)).append(pick(rng, hosts)).append(pick(rng, ports));
            int depth = rng.nextInt(4);
            for (int d = 0; d < depth; d++) {
                url.append('/').append(pick(rng, segments));
            }
            if (depth == 0 && rng.nextBoolean()) {
                url.append('/');
            }
            int query = rng.nextInt(4);
            for (int q = 0; q < query; q++) {
                url.append(q == 0 ? '?' : '&').append(pick(rng, params));
            }
            url.append(pick(rng, tails));
            String in = url.toString();
            String quick = QuickCanonical.of(in);
            if (quick != null) {
                assertThat(full.normalizeFully(in)).as(in).contains(quick);
                checked.add(in);
            }
        }
        // The corpus must exercise the quick path, not only its refusals.
        assertThat(checked).hasSizeGreaterThan(400);
    }

    private static String pick(Random rng, String[] options) {
        return options[rng.nextInt(options.length)];
    }
}
