package crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeTest {

    private final Scope scope = Scope.ofSeeds(List.of("http://localhost:8080/", "https://example.org/start"),
            List.of(Pattern.compile("^https://cdn\\.example\\.org/")), List.of(Pattern.compile("/logout")));

    @ParameterizedTest(name = "{0} in scope: {1}")
    @CsvSource({
            "http://localhost:8080/p/1, true",
            "http://127.0.0.1:8080/p/1, false",
            "http://localhost:8081/p/1, false",
            "https://example.org/x, true",
            "http://example.org/x, false",
            "https://cdn.example.org/a.html, true",
            "https://example.org/logout, false",
            "https://cdn.example.org/logout, false"
    })
    void scope_isTheSeedsHostsPlusIncludesMinusExcludes(String url, boolean in) {
        assertThat(scope.contains(url)).isEqualTo(in);
    }
}
