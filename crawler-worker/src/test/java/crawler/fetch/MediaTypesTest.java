package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {

    private final MediaTypes types = new MediaTypes();

    @ParameterizedTest
    @ValueSource(strings = {"text/html; charset=utf-8", "TEXT/HTML", "application/xhtml+xml;charset=ISO-8859-1", "",
            "not a type", "text/html; charset"})
    void parse_answersAsOkHttpDoes_firstTimeAndFromMemory(String header) {
        MediaType expected = MediaType.parse(header);

        assertThat(types.parse(header)).isEqualTo(expected);
        assertThat(types.parse(header)).isEqualTo(expected);
    }

    @Test
    void memory_staysWithinItsBound() {
        for (int i = 0; i < 3 * MediaTypes.MAX_ENTRIES; i++) {
            assertThat(types.parse("text/x-" + i)).isEqualTo(MediaType.parse("text/x-" + i));
            assertThat(types.size()).isBetween(1, MediaTypes.MAX_ENTRIES);
        }
    }
}
