package crawler.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcReader;

/**
 * Finds and cuts a torn tail off a WARC file written by {@link WarcArchive}, e.g. by a process killed
 * while appending. Stateless; thread-safe, but a file must not be repaired while it is written.
 *
 * <p>The file is read with jwarc, every record's body to its end with its block digest checked, until
 * the first failure. The cut falls after the last whole URL (its {@code metadata} record, which
 * {@link WarcArchive} writes last) or the last {@code warcinfo}, so a repaired file holds whole URLs
 * only: a URL whose records were cut is simply fetched and archived again by the resumed crawl. A file
 * left with nothing is deleted. Complete files are never rewritten.
 */
public final class WarcTruncator {

    /**
     * What a check found.
     *
     * @param file        the file
     * @param size        its size before any cut
     * @param validBytes  bytes up to the end of its last whole URL
     * @param urls        whole URLs (metadata records) in it
     */
    public record Check(Path file, long size, long validBytes, int urls) {
        public boolean torn() {
            return validBytes < size;
        }
    }

    private WarcTruncator() {
    }

    /** Reads {@code file} and reports where its whole records end. Never changes it. */
    public static Check check(Path file) throws IOException {
        long size = Files.size(file);
        long valid = 0;
        int urls = 0;
        boolean afterUnit = true; // the previous record closed a unit (warcinfo or a URL's metadata)
        try (WarcReader reader = new WarcReader(FileChannel.open(file, StandardOpenOption.READ))) {
            reader.calculateBlockDigest();
            try {
                while (true) {
                    Optional<WarcRecord> next = reader.next();
                    if (next.isEmpty()) {
                        if (afterUnit) {
                            valid = size;
                        }
                        break;
                    }
                    WarcRecord record = next.get();
                    if (afterUnit) {
                        valid = record.position();
                    }
                    afterUnit = false;
                    record.body().consume();
                    if (record.blockDigest().isPresent()
                            && !record.blockDigest().equals(record.calculatedBlockDigest())) {
                        break; // a record that reads but does not match its digest is damaged: cut before its URL
                    }
                    String type = record.type();
                    if (type.equals("metadata")) {
                        urls++;
                    }
                    afterUnit = type.equals("metadata") || type.equals("warcinfo");
                }
            } catch (IOException | RuntimeException e) {
                // jwarc reports a torn gzip member or header as EOFException/ParsingException; the reader's
                // position is then the start of the torn record, which ends the unit before it when one closed.
                if (afterUnit) {
                    valid = reader.position();
                }
            }
        }
        return new Check(file, size, valid, urls);
    }

    /** Checks {@code file} and cuts it after its last whole URL when its tail is torn. */
    public static Check repair(Path file) throws IOException {
        Check check = check(file);
        if (check.torn()) {
            if (check.validBytes() == 0) {
                Files.delete(file);
            } else {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(check.validBytes());
                }
            }
        }
        return check;
    }
}
