package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    @Test
    void lines_endOnLfOrCrLf_andALastLineWithoutTerminatorCounts() throws Exception {
        BoundedLineReader r = new BoundedLineReader(new StringReader("a\nbb\r\n\nccc"), 3);
        assertThat(r.readLine()).isEqualTo("a");
        assertThat(r.readLine()).isEqualTo("bb");
        assertThat(r.readLine()).isEmpty();
        assertThat(r.readLine()).isEqualTo("ccc");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void lineOverTheLimit_isRefused_evenAcrossBufferRefills() {
        String longLine = "y".repeat(200_000);
        BoundedLineReader r = new BoundedLineReader(new StringReader(longLine + "\nok\n"), 100_000);
        assertThatThrownBy(r::readLine).isInstanceOf(BoundedLineReader.LineTooLongException.class)
                .hasMessageContaining("longer than 100000 characters");
    }

    @Test
    void lineAtTheLimit_isRead_acrossBufferRefills() throws Exception {
        String line = "z".repeat(150_000);
        BoundedLineReader r = new BoundedLineReader(new StringReader(line + "\r\nnext\n"), 150_000);
        assertThat(r.readLine()).isEqualTo(line);
        assertThat(r.readLine()).isEqualTo("next");
    }
}
