package crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrapGuardTest {

    private final TrapGuard guard = new TrapGuard(40, 2);

    @ParameterizedTest(name = "{0} -> trap: {1}")
    @CsvSource({
            "http://a.test/x/y/z, false",
            "http://a.test/a/b/a/b/, false",
            "http://a.test/a/b/a/b/a/, true",
            "http://a.test/very/long/path/that/exceeds/forty/chars, true",
            "http://a.test/?q=a/a/a/a, false"
    })
    void trapGuard_rejectsOverlongUrlsAndRepeatedSegments(String url, boolean trap) {
        assertThat(guard.rejectionReason(url) != null).isEqualTo(trap);
    }
}
