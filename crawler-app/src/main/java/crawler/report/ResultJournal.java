package crawler.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.page.PageResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A results file read back as the journal of an interrupted crawl: every complete line is a page
 * that is done. A last line without its newline, or one that does not parse, is what a crash
 * mid-write leaves; it is dropped and the file cut back to the last whole line.
 *
 * @param done       results by URL, in file order
 * @param validBytes length of the file's whole, parseable lines
 * @param droppedTail the text of the torn last line, or null when the file ended cleanly
 */
public record ResultJournal(Map<String, PageResult> done, long validBytes, String droppedTail) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ResultJournal {
        done = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(done));
    }

    /**
     * Reads the journal. A line in the middle of the file that does not parse is not a torn
     * tail but a damaged file: that is an error naming the line, because resuming would lose it.
     */
    public static ResultJournal read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        }
        Map<String, PageResult> done = new LinkedHashMap<>();
        int lineStart = 0;
        int lineNo = 0;
        while (lineStart < bytes.length) {
            int nl = indexOf(bytes, (byte) '\n', lineStart);
            lineNo++;
            String line = new String(bytes, lineStart, (nl < 0 ? bytes.length : nl) - lineStart, StandardCharsets.UTF_8);
            if (nl < 0) {
                // Every line is written with its newline; one without was cut short, however it looks.
                return new ResultJournal(done, lineStart, line);
            }
            PageResult r = parse(line);
            if (r == null) {
                if (nl == bytes.length - 1) {
                    return new ResultJournal(done, lineStart, line);
                }
                throw new IOException(file + ":" + lineNo + ": not a result line; the file is damaged, not just cut off");
            }
            done.put(r.url(), r);
            lineStart = nl + 1;
        }
        return new ResultJournal(done, bytes.length, null);
    }

    /** Cuts the file back to its whole lines, so appended results start on a line of their own. */
    public void truncate(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(validBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the torn last line off " + file, e);
        }
    }

    private static PageResult parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            PageResult r = MAPPER.readValue(line, PageResult.class);
            return r.url() == null ? null : r;
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
