package crawler.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJournalTest {

    @TempDir
    Path dir;

    private static String line(String url) {
        return "{\"url\":\"" + url + "\",\"finalUrl\":\"" + url + "\",\"depth\":0,\"status\":200,\"links\":[]}\n";
    }

    @Test
    void wholeLines_areDonePages() throws IOException {
        Path f = dir.resolve("r.jsonl");
        Files.writeString(f, line("http://a/1") + line("http://a/2"));
        ResultJournal j = ResultJournal.read(f);
        assertThat(j.done().keySet()).containsExactly("http://a/1", "http://a/2");
        assertThat(j.droppedTail()).isNull();
        assertThat(j.validBytes()).isEqualTo(Files.size(f));
    }

    @Test
    void tornLastLine_isDropped_andCutOffTheFile() throws IOException {
        Path f = dir.resolve("r.jsonl");
        String whole = line("http://a/1");
        Files.writeString(f, whole + "{\"url\":\"http://a/2\",\"fin");
        ResultJournal j = ResultJournal.read(f);
        assertThat(j.done().keySet()).containsExactly("http://a/1");
        assertThat(j.droppedTail()).startsWith("{\"url\":\"http://a/2\"");
        j.truncate(f);
        assertThat(Files.readString(f)).isEqualTo(whole);
    }

    @Test
    void completeObjectWithoutItsNewline_countsAsTorn() throws IOException {
        Path f = dir.resolve("r.jsonl");
        String second = line("http://a/2");
        Files.writeString(f, line("http://a/1") + second.substring(0, second.length() - 1));
        assertThat(ResultJournal.read(f).done().keySet()).containsExactly("http://a/1");
    }

    @Test
    void damagedLineInTheMiddle_isAnError_namingTheLine() throws IOException {
        Path f = dir.resolve("r.jsonl");
        Files.writeString(f, line("http://a/1") + "garbage\n" + line("http://a/3"));
        assertThatThrownBy(() -> ResultJournal.read(f)).isInstanceOf(IOException.class).hasMessageContaining("r.jsonl:2");
    }
}
