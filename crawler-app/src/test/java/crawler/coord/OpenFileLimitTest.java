package crawler.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OpenFileLimitTest {

    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max open files            200                  1048576              files
            Max locked memory         8388608              8388608              bytes
            """;

    @Test
    void softLimit_isReadFromTheMaxOpenFilesLine() {
        assertThat(OpenFileLimit.softLimit(LIMITS)).isEqualTo(OptionalLong.of(200));
    }

    @Test
    void unlimitedOrMissing_isEmpty() {
        assertThat(OpenFileLimit.softLimit(LIMITS.replace("200   ", "unlimited"))).isEmpty();
        assertThat(OpenFileLimit.softLimit("Limit Soft Hard Units\n")).isEmpty();
    }

    @Test
    void notice_namesUlimitAndTheCurrentLimit() {
        assertThat(OpenFileLimit.notice(OptionalLong.of(200))).startsWith(
                "crawler: out of file descriptors (too many open files); raise the limit with `ulimit -n` "
                        + "(soft limit now 200) or lower --concurrency");
        assertThat(OpenFileLimit.notice(OptionalLong.empty())).contains("(soft limit unknown)");
    }
}
