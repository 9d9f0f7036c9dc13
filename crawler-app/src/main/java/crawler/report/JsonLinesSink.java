package crawler.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.page.PageResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes one JSON object per result, one per line. Each line is written whole and flushed, so
 * the file is valid JSON Lines up to its last complete line whenever the crawl stops, even by
 * kill -9 (the file is the crawl's journal).
 */
public final class JsonLinesSink implements ResultSink {

    private final ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
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
            byte[] line = mapper.writeValueAsBytes(result);
            out.write(line);
            out.write('\n');
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
