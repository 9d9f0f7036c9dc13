package crawler.archive;

import static crawler.archive.Warcs.exchange;
import static crawler.archive.Warcs.result;
import static org.assertj.core.api.Assertions.assertThat;

import crawler.archive.HttpExchange.Truncation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class WarcTruncatorTest {

    @TempDir
    Path dir;

    private Path file;
    private byte[] whole;

    @BeforeEach
    void writeFiveUrls() throws Exception {
        WarcArchive archive = new WarcArchive(new WarcConfig(dir.resolve("crawl").toString(),
                WarcConfig.DEFAULT_MAX_FILE_BYTES, null, "virtual", 1, ""));
        for (int i = 0; i < 5; i++) {
            String url = "http://h/p" + i;
            archive.record(result(url, List.of()), List.of(exchange(url, "<p>page " + i + "</p>", false,
                    Truncation.NONE)));
        }
        archive.close();
        file = archive.files().get(0);
        whole = Files.readAllBytes(file);
    }

    @Test
    void completeFile_isLeftUntouched() throws Exception {
        WarcTruncator.Check check = WarcTruncator.repair(file);

        assertThat(check.torn()).isFalse();
        assertThat(check.urls()).isEqualTo(5);
        assertThat(Files.readAllBytes(file)).isEqualTo(whole);
    }

    /** Cuts anywhere inside the last URL's records (request, response or metadata) lose that URL only. */
    @ParameterizedTest(name = "last {0} bytes missing")
    @ValueSource(ints = {1, 10, 100, 300, 600, 900})
    void tornTail_isCutAfterTheLastWholeUrl(int missing) throws Exception {
        Files.write(file, Arrays.copyOf(whole, whole.length - missing));

        WarcTruncator.Check check = WarcTruncator.repair(file);

        assertThat(check.torn()).isTrue();
        assertThat(check.urls()).isEqualTo(4);
        byte[] left = Files.readAllBytes(file);
        assertThat(whole).startsWith(left);
        List<Warcs.Rec> recs = Warcs.read(file);
        assertThat(recs).filteredOn(r -> r.type().equals("metadata")).extracting(Warcs.Rec::target)
                .containsExactly("http://h/p0", "http://h/p1", "http://h/p2", "http://h/p3");
        assertThat(recs.get(recs.size() - 1).type()).isEqualTo("metadata");
        assertThat(WarcTruncator.check(file).torn()).isFalse();
    }

    @Test
    void fileWithOnlyATornWarcinfo_isDeleted() throws Exception {
        Files.write(file, Arrays.copyOf(whole, 20));

        WarcTruncator.repair(file);

        assertThat(file).doesNotExist();
    }
}
