package crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.url.UrlNormalizer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import org.junit.jupiter.api.Test;

class PageParserTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            mailto:a@b.test          | true
            JavaScript:void(0)       | true
            '  tel:+123'             | true
            ftp://x.test/f           | true
            http://x.test/           | false
            HTTPS://x.test/          | false
            /a:b                     | false
            page.html?x=a:b          | false
            #top:x                   | false
            :odd                     | false
            c++:x                    | true
            1abc:x                   | false
            ''                       | false
            """)
    void hrefWithANonHttpScheme_isRecognisedWithoutResolvingIt(String href, boolean other) {
        assertThat(PageParser.hasOtherScheme(href)).isEqualTo(other);
    }

    private static final String BASE = "http://site.test/dir/page.html";

    private final PageParser parser = new PageParser(new UrlNormalizer(), false);

    private static byte[] utf8(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void links_areAbsoluteNormalisedDedupedInPageOrder() {
        String html = """
                <html><head><title>  Hello  </title></head><body>
                <a href="b.html">b</a>
                <a href="/a?y=2&x=1#top">a</a>
                <a href="HTTP://SITE.test:80/dir/b.html#again">b again</a>
                <a href="../up/c.html">c</a>
                <map><area href="/area" alt=""></map>
                <a href="https://other.test/">other host</a>
                </body></html>""";

        ParsedPage page = parser.parse(utf8(html), null, BASE);

        assertThat(page.title()).isEqualTo("Hello");
        assertThat(page.links()).containsExactly(
                "http://site.test/dir/b.html",
                "http://site.test/a?x=1&y=2",
                "http://site.test/up/c.html",
                "http://site.test/area",
                "https://other.test/");
    }

    @Test
    void links_dropNonHttpSchemesAndEmptyOrResourceTargets() {
        String html = """
                <a href="mailto:x@site.test">m</a><a href="javascript:void(0)">j</a>
                <a href="ftp://site.test/f">f</a><a href="tel:123">t</a>
                <a>no href</a><a href="">empty</a>
                <img src="/img.png"><script src="/s.js"></script><link href="/style.css" rel="stylesheet">
                <iframe src="/frame"></iframe>""";

        ParsedPage page = parser.parse(utf8(html), null, BASE);

        // href="" resolves to the page itself; that is a real (self) link and is kept.
        assertThat(page.links()).containsExactly("http://site.test/dir/page.html");
    }

    @Test
    void baseHref_isHonoured() {
        String html = "<html><head><base href=\"http://cdn.test/root/\"></head>"
                + "<body><a href=\"x/y.html\">x</a></body></html>";

        assertThat(parser.parse(utf8(html), null, BASE).links()).containsExactly("http://cdn.test/root/x/y.html");
    }

    @Test
    void links_resolveQueryOnlyProtocolRelativeAndLineBrokenHrefs() {
        String html = "<a href=\"?b=2&amp;a=1\">q</a><a href=\"//cdn.test/x\">p</a>"
                + "<a href=\"/sp\nlit\t.html\">s</a><a href=\"  ../c.html  \">w</a>";

        assertThat(parser.parse(utf8(html), null, BASE).links()).containsExactly(
                "http://site.test/dir/page.html?a=1&b=2", "http://cdn.test/x", "http://site.test/split.html",
                "http://site.test/c.html");
    }

    @Test
    void nofollow_isDroppedUnlessConfigured() {
        String html = "<a href=\"/keep\">k</a><a rel=\"external NoFollow\" href=\"/skip\">s</a>";

        assertThat(parser.parse(utf8(html), null, BASE).links()).containsExactly("http://site.test/keep");
        assertThat(new PageParser(new UrlNormalizer(), true).parse(utf8(html), null, BASE).links())
                .containsExactly("http://site.test/keep", "http://site.test/skip");
    }

    @Test
    void title_isNullWhenMissingOrBlank() {
        assertThat(parser.parse(utf8("<p>no title</p>"), null, BASE).title()).isNull();
        assertThat(parser.parse(utf8("<title>  </title>"), null, BASE).title()).isNull();
    }

    @Test
    void charset_fromMetaIsUsedWhenHeaderHasNone() {
        byte[] body = "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9</title></head></html>"
                .getBytes(Charset.forName("windows-1252"));

        ParsedPage page = parser.parse(body, null, BASE);

        assertThat(page.title()).isEqualTo("Caf\u00e9");
        assertThat(page.charset()).isEqualToIgnoringCase("windows-1252");
    }

    @Test
    void charset_fromHttpHeaderWinsOverMeta() {
        byte[] body = "<html><head><meta charset=\"utf-8\"><title>\u00c5ngstr\u00f6m</title></head></html>"
                .getBytes(StandardCharsets.ISO_8859_1);

        ParsedPage page = parser.parse(body, "ISO-8859-1", BASE);

        assertThat(page.title()).isEqualTo("\u00c5ngstr\u00f6m");
        assertThat(page.charset()).isEqualTo("ISO-8859-1");
    }

    @Test
    void charset_defaultsToUtf8() {
        ParsedPage page = parser.parse(utf8("<title>\u65e5\u672c</title>"), null, BASE);

        assertThat(page.title()).isEqualTo("\u65e5\u672c");
        assertThat(page.charset()).isEqualTo("UTF-8");
    }

    @Test
    void unknownHeaderCharset_isReportedAsException() {
        assertThatThrownBy(() -> parser.parse(utf8("<title>x</title>"), "x-no-such-charset", BASE))
                .isInstanceOf(UnsupportedCharsetException.class);
    }

    @Test
    void pathologicalNesting_isParsedWithLinksKept() {
        StringBuilder html = new StringBuilder("<title>deep</title>");
        int depth = 20_000;
        html.append("<div>".repeat(depth)).append("<a href=\"/deep\">d</a>").append("</div>".repeat(depth));

        ParsedPage page = parser.parse(utf8(html.toString()), null, BASE);

        assertThat(page.title()).isEqualTo("deep");
        assertThat(page.links()).containsExactly("http://site.test/deep");
    }

    @Test
    void cpuWork_isDeterministicAndOffAtZero() {
        byte[] bytes = utf8("<p>page</p>");
        assertThat(CpuWork.run(bytes, 0)).isEmpty();
        assertThat(CpuWork.run(bytes, 3)).hasSize(32).isEqualTo(CpuWork.run(bytes, 3))
                .isNotEqualTo(CpuWork.run(bytes, 2));
    }
}
