package crawler.page;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes a {@link PageResult} as the JSON object the results file and the worker protocol carry:
 * the record's components in declaration order, nulls written as {@code null}, exactly what
 * Jackson's data binding writes for the record. By hand, because that object is written once per
 * page (twice in process mode), and data binding's reflective serializers were a visible share of
 * a crawl's CPU, most of it in warming up.
 *
 * <p>Stateless and thread-safe.
 */
public final class PageResultJson {

    private PageResultJson() {
    }

    /** Writes {@code r} as one JSON object at the generator's current position. */
    public static void write(JsonGenerator g, PageResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("url", r.url());
        g.writeStringField("finalUrl", r.finalUrl());
        g.writeNumberField("depth", r.depth());
        g.writeNumberField("status", r.status());
        g.writeStringField("contentType", r.contentType());
        g.writeNumberField("bytes", r.bytes());
        g.writeStringField("title", r.title());
        g.writeArrayFieldStart("links");
        for (String link : r.links()) {
            g.writeString(link);
        }
        g.writeEndArray();
        g.writeStringField("bodySha256", r.bodySha256());
        g.writeNumberField("fetchMs", r.fetchMs());
        g.writeNumberField("parseMs", r.parseMs());
        g.writeNumberField("attempts", r.attempts());
        if (r.error() == null) {
            g.writeNullField("error");
        } else {
            g.writeObjectFieldStart("error");
            g.writeStringField("kind", r.error().kind().name());
            g.writeStringField("message", r.error().message());
            g.writeEndObject();
        }
        g.writeNumberField("pid", r.pid());
        g.writeNumberField("threadId", r.threadId());
        g.writeStringField("threadName", r.threadName());
        g.writeBooleanField("virtual", r.virtual());
        if (r.workerId() == null) {
            g.writeNullField("workerId");
        } else {
            g.writeNumberField("workerId", r.workerId());
        }
        if (!r.invalidLinks().isEmpty()) { // NON_EMPTY, as the record's annotation tells data binding
            g.writeObjectFieldStart("invalidLinks");
            for (var e : r.invalidLinks().entrySet()) { // sorted by key
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (r.retryAfterMs() != 0) { // NON_DEFAULT, as the record's annotation tells data binding
            g.writeNumberField("retryAfterMs", r.retryAfterMs());
        }
        g.writeEndObject();
    }
}
