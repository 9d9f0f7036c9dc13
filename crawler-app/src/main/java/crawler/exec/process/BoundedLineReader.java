package crawler.exec.process;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()}, but refuses a line longer than a
 * limit instead of growing without bound: a worker that writes one endless line must cost the
 * coordinator a protocol error, not its heap.
 *
 * <p>Not thread-safe: one reader thread per stream.
 */
final class BoundedLineReader {

    /** A line passed the limit; the stream is left mid-line and is of no further use. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("a line longer than " + limit + " characters");
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int end;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /**
     * The next line without its terminator ({@code \n}, or {@code \r\n}), or null at the end of the
     * stream; a last line without a terminator is returned as it is.
     *
     * @throws LineTooLongException when the line has more than the limit's characters
     */
    String readLine() throws IOException {
        StringBuilder partial = null;
        while (true) {
            if (pos == end) {
                int n = in.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    pos = 0;
                    end = 0;
                    return partial == null ? null : strip(partial.toString());
                }
                pos = 0;
                end = n;
            }
            int i = pos;
            while (i < end && buffer[i] != '\n') {
                i++;
            }
            int length = i - pos;
            if ((partial == null ? 0 : partial.length()) + length > maxChars + 1) { // + 1: a '\r' before '\n'
                throw new LineTooLongException(maxChars);
            }
            if (i < end) {
                String line = partial == null ? new String(buffer, pos, length)
                        : partial.append(buffer, pos, length).toString();
                pos = i + 1;
                line = strip(line);
                if (line.length() > maxChars) {
                    throw new LineTooLongException(maxChars);
                }
                return line;
            }
            if (partial == null) {
                partial = new StringBuilder(Math.min(maxChars, 2 * length + 16));
            }
            partial.append(buffer, pos, length);
            pos = end;
        }
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
