package crawler.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import crawler.page.PageResult;
import crawler.page.PageResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The only place where protocol messages become JSON lines and back. A line is one JSON object
 * with a {@code "type"} discriminator and no line break inside (Jackson escapes line breaks in
 * strings). {@link Duration}s travel as ISO-8601 strings ({@code "PT5S"}).
 *
 * <p>Thread-safe: one instance may be shared by every reader and writer thread.
 */
public final class Codec {

    private final ObjectWriter toWorkerWriter;
    private final ObjectWriter fromWorkerWriter;
    private final ObjectReader toWorkerReader;
    private final ObjectReader fromWorkerReader;

    public Codec() {
        SimpleModule durations = new SimpleModule("iso-durations")
                .addSerializer(Duration.class, new DurationSerializer())
                .addDeserializer(Duration.class, new DurationDeserializer())
                .addSerializer(PageResult.class, new PageResultSerializer());
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(durations)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        // Writers bound to the sealed type, so the "type" property is always written.
        toWorkerWriter = mapper.writerFor(ToWorker.class);
        fromWorkerWriter = mapper.writerFor(FromWorker.class);
        toWorkerReader = mapper.readerFor(ToWorker.class);
        fromWorkerReader = mapper.readerFor(FromWorker.class);
    }

    /** One line, without the line terminator. */
    public String encode(ToWorker message) {
        return write(toWorkerWriter, message);
    }

    /** One line, without the line terminator. */
    public String encode(FromWorker message) {
        return write(fromWorkerWriter, message);
    }

    /** Parses a line read from a worker's stdin. */
    public ToWorker decodeToWorker(String line) throws MalformedMessageException {
        return read(toWorkerReader, line);
    }

    /** Parses a line read from a worker's stdout. */
    public FromWorker decodeFromWorker(String line) throws MalformedMessageException {
        return read(fromWorkerReader, line);
    }

    private static String write(ObjectWriter writer, Object message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            // Our own records always serialise; failing here is a programming error.
            throw new UncheckedIOException("cannot encode " + message, e);
        }
    }

    private static <T> T read(ObjectReader reader, String line) throws MalformedMessageException {
        try {
            T value = reader.readValue(line);
            if (value == null) {
                throw new MalformedMessageException(line, new IOException("JSON null"));
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a record's compact constructor rejected a field.
            throw new MalformedMessageException(line, e);
        }
    }

    private static final class DurationSerializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** One result per page: written by hand, the same JSON data binding would write (see {@link PageResultJson}). */
    private static final class PageResultSerializer extends JsonSerializer<PageResult> {
        @Override
        public void serialize(PageResult value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            PageResultJson.write(gen, value);
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Duration.parse(text);
            } catch (RuntimeException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, "not an ISO-8601 duration");
            }
        }
    }
}
