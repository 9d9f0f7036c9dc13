package crawler.fetch;

import crawler.page.ErrorKind;
import java.util.Objects;

/**
 * What {@link Fetcher#fetch} produced for one URL: a closed set, so a pattern-matching {@code switch}
 * over it covers every case. Failures are values, never exceptions.
 */
public sealed interface FetchOutcome permits FetchOutcome.Fetched, FetchOutcome.Failed {

    /** The last URL requested (after same-host redirects). */
    String finalUrl();

    /** HTTP status of the last response, 0 when there was none. */
    int status();

    /** {@code type/subtype} of the last response, lower-case, null when there was none. */
    String mediaType();

    /** Decoded body bytes read, never more than the cap. */
    long bytes();

    /** Hex SHA-256 of the body bytes read, null when no body was read. */
    String bodySha256();

    /** HTTP requests made: redirect hops and retries included. */
    int attempts();

    /**
     * How long the host asked not to be sent requests, by the last 429 or 503 with a Retry-After
     * on the way (capped at {@code maxRetryAfter}), whether or not a retry waited it out; 0 when none.
     */
    long retryAfterMs();

    /** The same outcome, carrying the host's asked-for pause. */
    FetchOutcome withRetryAfterMs(long ms);

    /**
     * A response that is a result rather than a failure: a 2xx (or other non-error) response whose body
     * was read, or a redirect that was not followed because it leaves the host.
     *
     * @param charset  the charset parameter of the Content-Type header, null if absent
     * @param body     the decoded body, null when it was not read (a redirect)
     * @param location the absolute target of an unfollowed redirect, else null
     */
    record Fetched(String finalUrl, int status, String mediaType, String charset, byte[] body, long bytes,
                   String bodySha256, String location, int attempts, long retryAfterMs) implements FetchOutcome {
        public Fetched {
            Objects.requireNonNull(finalUrl, "finalUrl");
        }

        /** A response with no pause asked for on the way. */
        public Fetched(String finalUrl, int status, String mediaType, String charset, byte[] body, long bytes,
                       String bodySha256, String location, int attempts) {
            this(finalUrl, status, mediaType, charset, body, bytes, bodySha256, location, attempts, 0);
        }

        @Override
        public Fetched withRetryAfterMs(long ms) {
            return new Fetched(finalUrl, status, mediaType, charset, body, bytes, bodySha256, location, attempts, ms);
        }

        /** True for an unfollowed (cross-host) redirect. */
        public boolean isRedirect() {
            return location != null;
        }
    }

    /**
     * A failure. Whatever was learnt before it (status, type, bytes read) is kept.
     *
     * @param message for people; names the URL
     */
    record Failed(ErrorKind kind, String message, String finalUrl, int status, String mediaType, long bytes,
                  String bodySha256, int attempts, long retryAfterMs) implements FetchOutcome {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(finalUrl, "finalUrl");
            message = message == null ? "" : message;
        }

        /** A failure with no pause asked for on the way. */
        public Failed(ErrorKind kind, String message, String finalUrl, int status, String mediaType, long bytes,
                      String bodySha256, int attempts) {
            this(kind, message, finalUrl, status, mediaType, bytes, bodySha256, attempts, 0);
        }

        @Override
        public Failed withRetryAfterMs(long ms) {
            return new Failed(kind, message, finalUrl, status, mediaType, bytes, bodySha256, attempts, ms);
        }
    }
}
