package crawler.fetch;

import crawler.page.ErrorKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;

/**
 * Maps an I/O failure from OkHttp to an {@link ErrorKind}. Pure function; thread-safe.
 *
 * <p>What OkHttp 5.5.1 throws for each fault was measured (tech notes §2.4): a reset peer gives
 * {@code SocketException: Connection reset}; a peer that closes before (or instead of) a status line
 * gives {@code IOException: unexpected end of stream on <url>}; a bad chunk gives
 * {@code ProtocolException}. The order below matters: {@link SocketTimeoutException} is an
 * {@link InterruptedIOException}, and a reset is recognised by its message because the JDK throws a
 * plain {@code SocketException} for it.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /** The JDK's text for EMFILE/ENFILE, whatever exception class carries it (often a SocketException). */
    static final String TOO_MANY_OPEN_FILES = "Too many open files";

    public static ErrorKind classify(IOException e) {
        if (isOutOfFileDescriptors(e)) {
            // First: socket creation failing for want of descriptors may come wrapped in a connect failure,
            // and it is the process's limit, not the server, that failed.
            return ErrorKind.RESOURCE_LIMIT;
        }
        if (e instanceof PrivateAddressException) { // before DNS: it is an UnknownHostException
            return ErrorKind.PRIVATE_ADDRESS;
        }
        if (e instanceof UnknownHostException) {
            return ErrorKind.DNS;
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return ErrorKind.CONNECT;
        }
        if (e instanceof InterruptedIOException) { // SocketTimeoutException, and OkHttp's call timeout "timeout"
            return ErrorKind.TIMEOUT;
        }
        if (e instanceof SSLException) {
            return ErrorKind.TLS;
        }
        if (anyMessageContains(e, "Connection reset") || anyMessageContains(e, "Broken pipe")) {
            return ErrorKind.CONNECTION_RESET;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("unexpected end of stream on") && headersCutShort(e)) {
            // Some header bytes came, then no line end within OkHttp's 256 KiB header limit (a header
            // block of a megabyte) or before the peer closed: broken framing, not an empty response,
            // and not worth a retry that reads the same quarter megabyte again.
            return ErrorKind.MALFORMED_RESPONSE;
        }
        if (message.startsWith("unexpected end of stream on")) { // nothing (or garbage) before the status line
            return ErrorKind.EMPTY_RESPONSE;
        }
        if (e instanceof ProtocolException || e instanceof ZipException || e instanceof EOFException) {
            // bad status line, bad chunk, truncated fixed-length or gzip body: HTTP framing is broken
            return ErrorKind.MALFORMED_RESPONSE;
        }
        return ErrorKind.IO;
    }

    /**
     * Whether {@code t} or one of its causes says the process ran out of file descriptors
     * ({@code ulimit -n}): "Too many open files" in any message of the chain.
     */
    public static boolean isOutOfFileDescriptors(Throwable t) {
        return anyMessageContains(t, TOO_MANY_OPEN_FILES);
    }

    /** The failure kinds worth another attempt: the connection broke, the server may be fine. */
    static boolean isRetryable(ErrorKind kind) {
        return kind == ErrorKind.CONNECTION_RESET || kind == ErrorKind.EMPTY_RESPONSE || kind == ErrorKind.CONNECT;
    }

    /**
     * Whether OkHttp's header reader gave up after reading some bytes: its cause is okio's
     * {@code EOFException("\\n not found: limit=N content=...")} with N > 0 (N = 0 when nothing came).
     */
    private static boolean headersCutShort(Throwable t) {
        String prefix = "\\n not found: limit=";
        for (Throwable c = t.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (c instanceof EOFException && m != null && m.startsWith(prefix)) {
                return !m.startsWith(prefix + "0 ") && !m.equals(prefix + "0");
            }
        }
        return false;
    }

    private static boolean anyMessageContains(Throwable t, String needle) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
