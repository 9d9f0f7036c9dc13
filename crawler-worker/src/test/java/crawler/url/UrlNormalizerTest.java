package crawler.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {

    private final UrlNormalizer normalizer = new UrlNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP://Example.COM/a                     | http://example.com/a
            http://example.com:80/a                  | http://example.com/a
            https://example.com:443/a                | https://example.com/a
            http://example.com:8080/a                | http://example.com:8080/a
            https://example.com:80/a                 | https://example.com:80/a
            http://example.com/a#frag                | http://example.com/a
            http://example.com/a/./b/../c            | http://example.com/a/c
            http://example.com/../../a               | http://example.com/a
            http://example.com                       | http://example.com/
            http://example.com?                      | http://example.com/
            http://example.com/a?                    | http://example.com/a
            http://example.com/a?b=2&a=1             | http://example.com/a?a=1&b=2
            http://example.com/a?a=2&a=1             | http://example.com/a?a=1&a=2
            http://example.com/a?b&a=2&a=10          | http://example.com/a?a=10&a=2&b
            http://example.com/a?z=1&a=%2f           | http://example.com/a?a=%2F&z=1
            http://example.com/%c3%a9                | http://example.com/%C3%A9
            http://example.com/%7euser               | http://example.com/~user
            http://example.com/a b                   | http://example.com/a%20b
            http://example.com/dir/                  | http://example.com/dir/
            http://example.com/dir                   | http://example.com/dir
            https://Example.com:443/Dir/Page.HTML?Q=1#x | https://example.com/Dir/Page.HTML?Q=1
            http://[::1]:8080/a/../b?y=1&x=2#f        | http://[::1]:8080/b?x=2&y=1
            http://[0:0:0:0:0:0:0:1]:80/              | http://[::1]/
            https://[2001:DB8::A]/x                   | https://[2001:db8::a]/x
            """)
    void normalize_producesCanonicalForm(String in, String expected) {
        assertThat(normalizer.normalize(in)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/a", "mailto:a@example.com", "javascript:void(0)",
            "/relative/path", "", "   ", "http://", "data:text/html,hi"})
    void normalize_rejectsNonHttpOrUnparseable(String in) {
        assertThat(normalizer.normalize(in)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://b.com/p?y=1&x=2#a   | http://b.com/p?x=2&y=1
            HTTP://B.COM:80/p?x=2&y=1  | http://b.com/p?x=2&y=1
            """)
    void normalize_isIdempotent_andEqualUrlsMeet(String in, String expected) {
        String once = normalizer.normalize(in).orElseThrow();
        assertThat(once).isEqualTo(expected);
        assertThat(normalizer.normalize(once)).contains(once);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://Example.com/x        | example.com:80
            https://example.com/x       | example.com:443
            http://127.0.0.1:8089/a?b   | 127.0.0.1:8089
            https://EXAMPLE.com:8443    | example.com:8443
            http://[::1]:8080/x         | [::1]:8080
            http://localhost/a b        | localhost:80
            http://localhost:80/        | localhost:80
            http://localhost:080/       | localhost:80
            https://a.example:443?q     | a.example:443
            http://user@a.example/      | a.example:80
            http://a.example#frag       | a.example:80
            """)
    void hostKey_isLowerCaseHostWithPort(String url, String expected) {
        assertThat(UrlNormalizer.hostKey(url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:0/x", "http://localhost:65536/x", "http://localhost:99999/",
            "https://a.example:0000/"})
    void normalize_rejectsPortsNoRequestCanUse(String in) {
        assertThat(normalizer.normalize(in)).isEmpty();
        assertThat(UrlNormalizer.hostKeyOrNull(in)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "/relative", "not a url", "http://localhost:0/x",
            "http://localhost:70000/"})
    void hostKey_rejectsNonHttpUrls_namingThem(String url) {
        assertThatThrownBy(() -> UrlNormalizer.hostKey(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url);
    }

    @Test
    void memo_givesTheSameAnswersAsNoMemo_onRepeatsAndRejects() {
        UrlNormalizer memoised = new UrlNormalizer(8);
        UrlNormalizer plain = new UrlNormalizer(0);
        List<String> inputs = List.of("HTTP://Example.COM/a?b=2&a=1#f", "http://exa mple.com/", "http://example.com:80/x",
                "ftp://example.com/", "http://", "http://example.com/%7euser");
        List<Optional<String>> first = new ArrayList<>();
        for (String in : inputs) {
            first.add(memoised.normalize(in));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < inputs.size(); i++) {
                assertThat(memoised.normalize(inputs.get(i))).as(inputs.get(i))
                        .isEqualTo(first.get(i)).isEqualTo(plain.normalize(inputs.get(i)));
            }
        }
        assertThat(first.get(0)).contains("http://example.com/a?a=1&b=2");
        assertThat(first.get(3)).isEmpty();
    }

    @Test
    void memo_staysWithinItsBound() {
        UrlNormalizer memoised = new UrlNormalizer(10);
        for (int i = 0; i < 95; i++) {
            // Upper case, so the full normaliser (and its memo) answers, not the quick path for canonical URLs.
            assertThat(memoised.normalize("HTTP://example.com/p" + i)).contains("http://example.com/p" + i);
            assertThat(memoised.memoSize()).isBetween(1, 10);
        }
        assertThat(new UrlNormalizer(0).memoSize()).isZero();
    }

    @Test
    void memo_staysWithinItsByteBound_whateverTheUrlsLength() {
        long budget = 256 * 1024;
        UrlNormalizer memoised = new UrlNormalizer(UrlNormalizer.DEFAULT_MEMO_ENTRIES, budget);
        String longPath = "/" + "x".repeat(900);
        for (int i = 0; i < 2_000; i++) {
            // Upper case, so the full normaliser (and its memo) answers, not the quick path for canonical URLs.
            assertThat(memoised.normalize("HTTP://example.com" + longPath + i)).isPresent();
            assertThat(memoised.memoBytesHeld()).isLessThanOrEqualTo(budget);
        }
        assertThat(memoised.memoSize()).as("entries held, far under the entry bound")
                .isBetween(1, (int) (budget / (2 * 900)));
    }

    @Test
    void memo_doesNotKeepAUrlLargerThanAFractionOfItsBound() {
        UrlNormalizer memoised = new UrlNormalizer(100, 64 * 1024);
        assertThat(memoised.normalize("HTTP://example.com/" + "y".repeat(4_000))).isPresent();
        assertThat(memoised.memoSize()).isZero();
    }

    @Test
    void memoSize_mustNotBeNegative() {
        assertThatThrownBy(() -> new UrlNormalizer(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
