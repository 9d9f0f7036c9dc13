package crawler.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Streams a results file line by line, in one pass and in memory bounded by its longest line,
 * whatever the file's size. Every line is written with its newline, so a last line without one,
 * or a last line that does not parse, is what a crash mid-write leaves: it is reported as the torn
 * tail, not passed on. A line in the middle of the file that does not parse is not a torn tail but
 * a damaged file: that is an error naming the line, because resuming would lose it.
 *
 * <p>Thread-safe: no state between calls.
 */
public final class JournalScanner {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JournalScanner() {
    }

    /** Receives each whole, parseable line with the byte offset it starts at. */
    @FunctionalInterface
    public interface LineHandler<T> {
        void line(long offset, T parsed) throws IOException;
    }

    /**
     * Where the whole lines end.
     *
     * @param lines       whole, parseable lines
     * @param validBytes  length of the file's whole, parseable lines
     * @param droppedTail the text of the torn last line, or null when the file ended cleanly
     */
    public record Tail(long lines, long validBytes, String droppedTail) {
    }

    /**
     * Reads {@code file} up to {@code limit} bytes (use {@code Long.MAX_VALUE} for all of it),
     * parsing each line as {@code type}; a line that parses to an object with no URL
     * ({@code urlOf} gives null) counts as not parseable.
     */
    public static <T> Tail scan(Path file, long limit, Class<T> type, Function<T, String> urlOf,
                                LineHandler<T> handler) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[8192];
            int len = 0;
            long lineStart = 0;
            long pos = 0;
            long lineNo = 0;
            long lines = 0;
            int n;
            String damaged = null;
            while (pos < limit && (n = in.read(chunk, 0, (int) Math.min(chunk.length, limit - pos))) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b != '\n') {
                        if (len == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[len++] = b;
                        continue;
                    }
                    lineNo++;
                    T parsed = parse(line, len, type, urlOf);
                    if (damaged != null || parsed == null) {
                        // Only the last line may be torn; anything after a bad line makes it damage.
                        if (damaged != null) {
                            throw new IOException(damaged);
                        }
                        damaged = file + ":" + lineNo + ": not a result line; the file is damaged, not just cut off";
                        len = 0;
                        continue;
                    }
                    handler.line(lineStart, parsed);
                    lines++;
                    len = 0;
                    lineStart = pos + i + 1;
                }
                pos += n;
            }
            if (damaged != null) {
                if (len > 0) {
                    throw new IOException(damaged);
                }
                // The bad line was the last whole one: a crash mid-write, cut off like a torn one.
                return new Tail(lines, lineStart, tornText(file, lineStart, pos));
            }
            if (len > 0) {
                // Every line is written with its newline; one without was cut short, however it looks.
                return new Tail(lines, lineStart, new String(line, 0, len, StandardCharsets.UTF_8));
            }
            return new Tail(lines, lineStart, null);
        }
    }

    /** The text between two offsets, without its newline: the bad last line, read again for the message. */
    private static String tornText(Path file, long from, long to) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(to - from, 1 << 20));
            ch.read(buf, from);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }
    }

    private static <T> T parse(byte[] line, int len, Class<T> type, Function<T, String> urlOf) {
        int i = 0;
        while (i < len && Character.isWhitespace(line[i])) {
            i++;
        }
        if (i == len) {
            return null;
        }
        try {
            T r = MAPPER.readValue(line, 0, len, type);
            return r == null || urlOf.apply(r) == null ? null : r;
        } catch (IOException e) {
            return null;
        }
    }
}
