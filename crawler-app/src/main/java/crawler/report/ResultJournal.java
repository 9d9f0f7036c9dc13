package crawler.report;

import crawler.page.PageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
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

    public ResultJournal {
        done = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(done));
    }

    /**
     * Reads the journal into memory, streaming it (for tests and small files; a resumed crawl
     * uses {@link JournalScanner} and keeps far less). A line in the middle of the file that does
     * not parse is an error naming the line.
     */
    public static ResultJournal read(Path file) throws IOException {
        Map<String, PageResult> done = new LinkedHashMap<>();
        JournalScanner.Tail tail = JournalScanner.scan(file, Long.MAX_VALUE, PageResult.class, PageResult::url,
                (offset, r) -> done.put(r.url(), r));
        return new ResultJournal(done, tail.validBytes(), tail.droppedTail());
    }

    /** Cuts the file back to its whole lines, so appended results start on a line of their own. */
    public void truncate(Path file) {
        truncate(file, validBytes);
    }

    /** Cuts {@code file} back to its first {@code validBytes} bytes. */
    public static void truncate(Path file, long validBytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(validBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the torn last line off " + file, e);
        }
    }
}
