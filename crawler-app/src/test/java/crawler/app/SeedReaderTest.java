package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.url.UrlNormalizer;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedReaderTest {

    private final SeedReader reader = new SeedReader(new UrlNormalizer());

    @Test
    void commentsAndBlankLines_areSkipped_andUrlsNormalisedAndDeduplicated() throws Exception {
        SeedList seeds = reader.read("seeds.txt", new StringReader("""
                # my seeds
                http://EXAMPLE.org:80/a#top

                https://example.org/b
                http://example.org/a
                """));
        assertThat(seeds.urls()).containsExactly("http://example.org/a", "https://example.org/b");
        assertThat(seeds.problems()).isEmpty();
    }

    @Test
    void badLines_areReported_withFileAndLineNumber() throws Exception {
        SeedList seeds = reader.read("seeds.txt", new StringReader("""
                http://example.org/
                example.org/no-scheme
                ftp://example.org/file
                http://exa mple.org/
                """));
        assertThat(seeds.urls()).containsExactly("http://example.org/");
        assertThat(seeds.problems()).extracting(SeedList.Problem::line).containsExactly(2, 3, 4);
        assertThat(seeds.problems().get(0).toString()).startsWith("seeds.txt:2:").contains("example.org/no-scheme");
        assertThat(seeds.problems().get(1).reason()).contains("ftp");
    }

    @Test
    void argumentSeeds_areCheckedLikeFileLines() {
        SeedList seeds = reader.fromArguments(List.of("http://example.org/", "mailto:x@example.org"));
        assertThat(seeds.urls()).containsExactly("http://example.org/");
        assertThat(seeds.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("argument");
            assertThat(p.line()).isEqualTo(2);
        });
    }
}
