package crawler.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a response body as a stream, decoding gzip itself, and stops one byte past the cap so an
 * over-cap body is never held whole. Stateless; thread-safe.
 */
final class BoundedBody {

    /** An inflation ratio (decoded : compressed) above this, past the cap, is called a bomb. */
    static final int BOMB_RATIO = 100;

    private static final int CHUNK = 8192;
    /** First buffer when the length is unknown (chunked or gzip); it doubles as needed. */
    private static final int DEFAULT_BUFFER = 8 * 1024;
    /** Largest first buffer, whatever the Content-Length says: a lying header must not allocate the cap. */
    private static final int MAX_BUFFER = 1 << 20;

    private BoundedBody() {
    }

    /**
     * What was read.
     *
     * @param bytes           the decoded bytes, at most the cap (an over-cap body is cut at the cap)
     * @param overCap         whether the decoded body had more than the cap
     * @param compressedBytes compressed bytes consumed to produce {@code bytes} (deflate stream only for gzip)
     * @param gzip            whether the body was gzip-encoded
     */
    record Read(byte[] bytes, boolean overCap, long compressedBytes, boolean gzip) {
        /** Past the cap at a ratio no honest page has. */
        boolean looksLikeBomb() {
            return overCap && gzip && (bytes.length + 1L) > BOMB_RATIO * Math.max(1L, compressedBytes);
        }
    }

    /** Reads at most {@code cap + 1} decoded bytes from {@code raw}, its length unknown. */
    static Read read(InputStream raw, boolean gzip, long cap) throws IOException {
        return read(raw, gzip, cap, -1);
    }

    /**
     * Reads at most {@code cap + 1} decoded bytes from {@code raw}.
     *
     * @param gzip decode {@code raw} as gzip
     * @param announcedBytes the body's Content-Length, -1 when unknown: only sizes the first buffer
     *                       (a 64 KiB buffer, a chunk and a copy per page were most of a small
     *                       page's allocation), never trusted as the length
     * @throws IOException from the stream, including {@link java.util.zip.ZipException} for a corrupt
     *                     gzip body and {@link java.io.EOFException} for a truncated one
     */
    static Read read(InputStream raw, boolean gzip, long cap, long announcedBytes) throws IOException {
        Counting wire = new Counting(raw);
        Gunzip gunzip = gzip ? new Gunzip(wire) : null;
        InputStream in = gzip ? gunzip : wire;
        long limit = cap + 1;
        long expected = announcedBytes >= 0 && !gzip ? Math.max(1, announcedBytes) : DEFAULT_BUFFER;
        byte[] buf = new byte[(int) Math.min(limit, Math.min(expected, MAX_BUFFER))];
        int total = 0;
        while (total < limit) {
            if (total == buf.length) {
                // Full: one byte tells whether there is more, so a body exactly as long as its
                // Content-Length is read into one array of its size and never copied.
                int b = in.read();
                if (b < 0) {
                    break;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(limit, buf.length * 2L));
                buf[total++] = (byte) b;
                continue;
            }
            int n = in.read(buf, total, buf.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        boolean overCap = total > cap;
        byte[] kept = overCap ? Arrays.copyOf(buf, (int) cap) : total == buf.length ? buf : Arrays.copyOf(buf, total);
        // The gzip reader reads ahead in buffer-sized gulps; the inflater knows what it really consumed.
        long compressed = gzip ? gunzip.compressedBytesConsumed() : wire.count;
        return new Read(kept, overCap, compressed, gzip);
    }

    /** Exposes the inflater's count of compressed input consumed. */
    private static final class Gunzip extends GZIPInputStream {
        Gunzip(InputStream in) throws IOException {
            super(in, CHUNK);
        }

        long compressedBytesConsumed() {
            return inf.getBytesRead();
        }
    }

    /** Counts bytes taken from the wire, to tell a gzip bomb from a merely large page. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
