package crawler.archive;

import crawler.page.PageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.security.MessageDigest;
import org.netpreserve.jwarc.WarcCaptureRecord;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.netpreserve.jwarc.WarcTruncationReason;

/** Test helpers: exchanges and results to archive, and reading files back with jwarc. */
final class Warcs {

    private Warcs() {
    }

    static HttpExchange exchange(String url, String body, boolean chunked, HttpExchange.Truncation t) {
        String path = url.replaceFirst("^http://[^/]+", "");
        byte[] req = ("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length() + "\r\n") + "\r\n";
        return new HttpExchange(url, Instant.parse("2026-01-02T03:04:05Z"), req,
                head.getBytes(StandardCharsets.ISO_8859_1), body.getBytes(StandardCharsets.UTF_8), chunked, t);
    }

    static PageResult result(String url, List<String> links) {
        return new PageResult(url, url, 1, 200, "text/html", 5, "t", links, null, 1, 1, 1, null, 77, 9, "fetch-9",
                false, null);
    }

    /** Every record of the file, with its digests checked as read. */
    static List<Rec> read(Path file) throws IOException {
        List<Rec> out = new ArrayList<>();
        try (WarcReader reader = new WarcReader(file)) {
            reader.calculateBlockDigest();
            for (Optional<WarcRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
                WarcRecord rec = r.get();
                byte[] payload = null;
                String payloadDigest = null;
                String target = null;
                List<String> concurrent = List.of();
                if (rec instanceof WarcTargetRecord t) {
                    target = t.target();
                    payloadDigest = t.payloadDigest().map(Object::toString).orElse(null);
                }
                if (rec instanceof WarcCaptureRecord c) {
                    concurrent = c.concurrentTo().stream().map(Object::toString).toList();
                }
                byte[] block = null;
                if (rec instanceof WarcResponse resp) {
                    payload = resp.payload().orElseThrow().body().stream().readAllBytes();
                } else {
                    block = rec.body().stream().readAllBytes();
                }
                rec.body().consume();
                out.add(new Rec(rec.type(), target, rec.id().toString(), concurrent,
                        rec.blockDigest().map(Object::toString).orElse(null),
                        rec.calculatedBlockDigest().map(Object::toString).orElse(null), payloadDigest, payload,
                        block == null ? null : new String(block, StandardCharsets.UTF_8), rec.truncated(),
                        rec.headers().first("WARC-Filename").orElse(null)));
            }
        }
        return out;
    }

    static String sha1(byte[] bytes) throws Exception {
        return new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(bytes)).toString();
    }

    /**
     * One record as read back.
     *
     * @param text the block as text for records other than responses (warcinfo fields, metadata, request)
     */
    record Rec(String type, String target, String id, List<String> concurrentTo, String blockDigest,
               String calculatedBlockDigest, String payloadDigest, byte[] payload, String text,
               WarcTruncationReason truncated, String filename) {
    }
}
