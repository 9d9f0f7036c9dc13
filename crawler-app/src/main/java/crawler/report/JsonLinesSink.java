package crawler.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import crawler.page.PageResult;
import crawler.page.PageResultJson;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes one JSON object per result, one per line. Each line is written whole and flushed, so
 * the file is valid JSON Lines up to its last complete line whenever the crawl stops, even by
 * kill -9 (the file is the crawl's journal). A line is the object {@link PageResultJson} writes.
 *
 * <p>Not thread-safe: the coordinator's thread writes every line.
 */
public final class JsonLinesSink implements ResultSink {

    private final JsonFactory json = new JsonFactory();
    /** Reused for every line: a line is built whole in memory, then written in one go. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
    private final OutputStream out;
    private final boolean closeStream;

    /**
     * @param out          where lines go
     * @param closeStream  false for stdout, which outlives the crawl
     */
    public JsonLinesSink(OutputStream out, boolean closeStream) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.closeStream = closeStream;
    }

    @Override
    public void accept(PageResult result) {
        try {
            line.reset();
            try (JsonGenerator g = json.createGenerator(line)) {
                PageResultJson.write(g, result);
            }
            line.write('\n');
            line.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result for " + result.url(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the results file", e);
        }
    }
}
