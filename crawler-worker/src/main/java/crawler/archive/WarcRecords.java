package crawler.archive;

import crawler.page.PageResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Builds the bytes of {@link WarcArchive}'s records with jwarc, in memory, on the calling thread:
 * the {@code warcinfo} record of a file, and a URL's {@code request}/{@code response} pairs (linked
 * both ways by {@code WARC-Concurrent-To}) and {@code metadata} record, one gzip member per record.
 * Nothing here touches a file or is interruptible.
 *
 * <p>Thread-safe: immutable.
 */
final class WarcRecords {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final WarcConfig config;

    WarcRecords(WarcConfig config) {
        this.config = config;
    }

    /** The warcinfo record that opens file {@code filename}, as one gzip member. */
    byte[] warcinfo(String filename, Instant now) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of(WarcArchive.SOFTWARE + " (jwarc; " + System.getProperty("java.vm.name") + ")"));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put("conformsTo",
                List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        fields.put("hostname", List.of(hostname()));
        fields.put("jdk", List.of(Runtime.version() + " (" + System.getProperty("java.vendor") + ")"));
        fields.put("mode", List.of(config.mode()));
        fields.put("concurrency", List.of(Integer.toString(config.concurrency())));
        fields.put("writer", List.of(config.writerId()));
        fields.put("pid", List.of(Long.toString(ProcessHandle.current().pid())));
        fields.put("command-line", List.of(config.commandLine().replaceAll("[\\r\\n]+", " ")));
        return gzip(List.of(new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(now).filename(filename)
                .fields(fields).build()));
    }

    /** One URL's records (request and response per exchange, then its metadata), as consecutive gzip members. */
    byte[] serialize(PageResult result, List<HttpExchange> exchanges) throws IOException {
        List<WarcRecord> records = new ArrayList<>(exchanges.size() * 2 + 1);
        UUID lastResponse = null;
        Instant lastDate = null;
        for (HttpExchange e : exchanges) {
            UUID requestId = UUID.randomUUID();
            UUID responseId = UUID.randomUUID();
            records.add(new WarcRequest.Builder(e.targetUri()).version(MessageVersion.WARC_1_1)
                    .recordId(requestId).date(e.date())
                    .body(MediaType.HTTP_REQUEST, e.requestHeader())
                    .blockDigest(sha1(e.requestHeader()))
                    .concurrentTo(urn(responseId))
                    .build());
            byte[] block = responseBlock(e);
            WarcResponse.Builder response = new WarcResponse.Builder(e.targetUri()).version(MessageVersion.WARC_1_1)
                    .recordId(responseId).date(e.date())
                    .body(MediaType.HTTP_RESPONSE, block)
                    .blockDigest(sha1(block))
                    .payloadDigest(sha1(e.payload()))
                    .concurrentTo(urn(requestId));
            if (e.truncation() != HttpExchange.Truncation.NONE) {
                response.truncated(e.truncation() == HttpExchange.Truncation.LENGTH
                        ? WarcTruncationReason.LENGTH : WarcTruncationReason.DISCONNECT);
            }
            records.add(response.build());
            lastResponse = responseId;
            lastDate = e.date();
        }
        byte[] facts = PageFacts.of(result, config).getBytes(StandardCharsets.UTF_8);
        records.add(new WarcMetadata.Builder().version(MessageVersion.WARC_1_1).date(lastDate)
                .targetURI(result.url())
                .concurrentTo(urn(lastResponse))
                .body(MediaType.WARC_FIELDS, facts)
                .blockDigest(sha1(facts))
                .build());
        return gzip(records);
    }

    /** The response header block, then the payload; re-chunked as one chunk when it came chunked. */
    private static byte[] responseBlock(HttpExchange e) {
        byte[] payload = e.payload();
        ByteArrayOutputStream out = new ByteArrayOutputStream(e.responseHeader().length + payload.length + 32);
        out.writeBytes(e.responseHeader());
        if (e.chunked()) {
            if (payload.length > 0) {
                out.writeBytes(Integer.toHexString(payload.length).getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(CRLF);
                out.writeBytes(payload);
                out.writeBytes(CRLF);
            }
            out.writeBytes(LAST_CHUNK);
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** The records as consecutive gzip members, compressed on the calling thread. */
    private static byte[] gzip(List<WarcRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WarcWriter writer = new WarcWriter(new MemoryChannel(out), WarcCompression.GZIP);
        for (WarcRecord r : records) {
            writer.write(r);
        }
        return out.toByteArray();
    }

    /**
     * A channel into memory for jwarc's writer. Not {@code Channels.newChannel}: that one is
     * interruptible, so an interrupted attempt would fail to build its records.
     */
    private static final class MemoryChannel implements WritableByteChannel {
        private final ByteArrayOutputStream out;

        MemoryChannel(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                byte[] copy = new byte[n];
                src.get(copy);
                out.writeBytes(copy);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static WarcDigest sha1(byte[] bytes) {
        try {
            return new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static java.net.URI urn(UUID id) {
        return java.net.URI.create("urn:uuid:" + id);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
