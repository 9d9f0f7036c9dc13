package crawler.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP request and the response to it, as they crossed the wire: the request header block as
 * OkHttp sent it, the response status line and headers as received, and the response payload
 * (the entity body with any chunked transfer coding removed, but still content-encoded, e.g. gzip).
 *
 * <p>Immutable by convention: the arrays are owned by this record and never changed after it is built.
 *
 * @param targetUri      the URL requested
 * @param date           when the request was sent
 * @param requestHeader  request line, header lines and the empty line, in ISO-8859-1 as on the wire
 * @param responseHeader status line, header lines and the empty line, in ISO-8859-1 as received
 * @param payload        the entity body as received, at most the body cap
 * @param chunked        whether the response came with {@code Transfer-Encoding: chunked}
 * @param truncation     whether and why {@code payload} is shorter than what the server sent
 */
public record HttpExchange(String targetUri, Instant date, byte[] requestHeader, byte[] responseHeader,
                           byte[] payload, boolean chunked, Truncation truncation) {

    /** Why a payload is incomplete; the names follow the WARC-Truncated field's values. */
    public enum Truncation {
        /** Complete. */
        NONE,
        /** Cut at the body cap. */
        LENGTH,
        /** The connection failed while the body was read. */
        DISCONNECT
    }

    public HttpExchange {
        Objects.requireNonNull(targetUri, "targetUri");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(requestHeader, "requestHeader");
        Objects.requireNonNull(responseHeader, "responseHeader");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(truncation, "truncation");
    }
}
