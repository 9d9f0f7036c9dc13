package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedBodyTest {

    @ParameterizedTest(name = "{0} bytes announced as {1}, cap {2}")
    @CsvSource({
        "6363, 6363, 4096000",     // Content-Length right
        "6363, -1, 4096000",       // chunked: no length
        "20000, 100, 4096000",     // announced too short
        "100, 20000, 4096000",     // announced too long
        "0, 0, 4096000",           // empty
        "5000, 5000, 4096",        // over the cap
        "4096, 4096, 4096",        // exactly the cap
        "70000, 999999999, 65536", // a lying header cannot make it allocate more than it reads
    })
    void readsTheWholeBody_upToTheCap_whateverTheLengthHeaderSays(int size, long announced, long cap)
            throws IOException {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);

        BoundedBody.Read read = BoundedBody.read(new ByteArrayInputStream(body), false, cap, announced);

        int kept = (int) Math.min(size, cap);
        assertThat(read.bytes()).isEqualTo(java.util.Arrays.copyOf(body, kept));
        assertThat(read.overCap()).isEqualTo(size > cap);
    }
}
