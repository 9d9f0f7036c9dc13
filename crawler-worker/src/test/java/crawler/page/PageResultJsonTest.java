package crawler.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PageResultJsonTest {

    static Stream<PageResult> results() {
        return Stream.of(
                new PageResult("http://h.test/", "http://h.test/x", 2, 200, "text/html", 6363, "Caf\u00e9 \"quoted\" \\ \n",
                        List.of("http://h.test/a", "http://h.test/b?x=1&y=2"), "ab12", 51, 2, 1, null, 4242, 77,
                        "fetch-v-12", true, null),
                new PageResult("http://h.test/bad", "http://h.test/bad", 0, 0, null, 0, null, List.of(), null, 0, 0, 3,
                        new PageError(ErrorKind.HTTP_5XX, "HTTP 503 at http://h.test/bad\tline\u2028"), 0, 0, null,
                        false, 2),
                new PageResult("http://h.test/\u65e5\u672c", null, Integer.MAX_VALUE, -1, "", Long.MAX_VALUE, "",
                        null, "", Long.MIN_VALUE, 0, 0, new PageError(ErrorKind.TIMEOUT, null), -1, Long.MAX_VALUE, "",
                        false, Integer.MIN_VALUE),
                new PageResult("http://h.test/busy", "http://h.test/busy", 1, 429, "text/html", 0, null, List.of(),
                        null, 2003, 0, 3, new PageError(ErrorKind.HTTP_4XX, "HTTP 429 at http://h.test/busy"), 4242,
                        78, "fetch-v-13", true, null, null, 1_000));
    }

    @ParameterizedTest
    @MethodSource("results")
    void writesExactlyWhatDataBindingWritesForTheRecord(PageResult result) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            PageResultJson.write(g, result);
        }

        assertThat(out.toString()).isEqualTo(new ObjectMapper().writeValueAsString(result));
        assertThat(new ObjectMapper().readValue(out.toString(), PageResult.class)).isEqualTo(result);
    }
}
