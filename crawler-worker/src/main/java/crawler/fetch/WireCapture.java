package crawler.fetch;

import crawler.archive.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Captures one HTTP exchange for the archive while the {@link Fetcher} reads the response: the
 * request as OkHttp put it on the wire, the response head, and the body bytes as they come off the
 * connection (still gzip-encoded; OkHttp has removed only the chunked framing), up to the body cap.
 *
 * <p>Not thread-safe: one per exchange, used by the fetching thread only. Closed before the
 * response (declare it after the response in one try-with-resources): closing drains what the
 * fetcher left of the body, up to the cap, and hands the exchange to the consumer. A read failure
 * while the fetcher or the drain read the body marks the payload as cut by a disconnect.
 *
 * <p>The request is rebuilt from {@code response.networkResponse().request()}, the request after
 * OkHttp's bridge added Host, Connection and the like: OkHttp writes exactly that request line and
 * those headers, in that order. The status line is rebuilt from protocol, code and reason phrase.
 */
final class WireCapture implements AutoCloseable {

    private final Response response;
    private final Instant sentAt;
    private final Tee tee;
    private final Consumer<HttpExchange> consumer;
    private HttpExchange.Truncation failure;

    private WireCapture(Response response, Instant sentAt, long cap, Consumer<HttpExchange> consumer) {
        this.response = response;
        this.sentAt = sentAt;
        this.tee = consumer == null ? null : new Tee(response.body().byteStream(), cap);
        this.consumer = consumer;
    }

    /**
     * A capture of {@code response} for {@code consumer}; with a null consumer, one that captures
     * nothing and hands out the response's own body stream.
     */
    static WireCapture open(Response response, Instant sentAt, long cap, Consumer<HttpExchange> consumer) {
        return new WireCapture(response, sentAt, cap, consumer);
    }

    /** The body stream the fetcher reads; closing it leaves the body open for the drain. */
    InputStream body() {
        return tee != null ? tee : response.body().byteStream();
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.accept(finish());
        }
    }

    /**
     * Reads what the fetcher left of the body (a redirect's or an error page's body, the tail of a
     * gzip stream) up to the cap, and returns the exchange. Never throws.
     */
    private HttpExchange finish() {
        if (tee.failed) {
            failure = HttpExchange.Truncation.DISCONNECT;
        }
        if (failure == null && !tee.eof && !tee.overflow) {
            byte[] sink = new byte[8192];
            try {
                while (!tee.overflow && tee.read(sink, 0, sink.length) >= 0) {
                    // the tee keeps what it reads
                }
            } catch (IOException e) {
                failure = HttpExchange.Truncation.DISCONNECT;
            }
        }
        HttpExchange.Truncation truncation = failure != null ? failure
                : tee.overflow ? HttpExchange.Truncation.LENGTH : HttpExchange.Truncation.NONE;
        Response network = response.networkResponse() != null ? response.networkResponse() : response;
        boolean chunked = "chunked".equalsIgnoreCase(response.header("Transfer-Encoding", "").strip());
        return new HttpExchange(response.request().url().toString(), sentAt, requestHead(network.request()),
                responseHead(response), tee.kept.toByteArray(), chunked, truncation);
    }

    private static byte[] requestHead(Request request) {
        HttpUrl url = request.url();
        String target = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
        StringBuilder b = new StringBuilder(256);
        b.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        appendHeaders(b, request.headers());
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] responseHead(Response response) {
        StringBuilder b = new StringBuilder(256);
        b.append(response.protocol().toString().toUpperCase(Locale.ROOT)).append(' ').append(response.code());
        if (!response.message().isEmpty()) {
            b.append(' ').append(response.message());
        }
        b.append("\r\n");
        appendHeaders(b, response.headers());
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void appendHeaders(StringBuilder b, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            b.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
        }
        b.append("\r\n");
    }

    /** Passes bytes through and keeps the first {@code cap} of them. */
    private static final class Tee extends FilterInputStream {
        final ByteArrayOutputStream kept;
        final long cap;
        boolean overflow;
        boolean eof;
        boolean failed;

        Tee(InputStream in, long cap) {
            super(in);
            this.cap = cap;
            this.kept = new ByteArrayOutputStream((int) Math.min(cap, 16 * 1024));
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            if (b < 0) {
                eof = true;
            } else {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            if (n < 0) {
                eof = true;
            } else {
                keep(b, off, n);
            }
            return n;
        }

        private void keep(byte[] b, int off, int n) {
            long room = cap - kept.size();
            if (n > room) {
                overflow = true;
            }
            kept.write(b, off, (int) Math.min(n, Math.max(0, room)));
        }

        @Override
        public void close() {
            // The response's own close releases the connection; the archive may still drain the body first.
        }
    }
}
