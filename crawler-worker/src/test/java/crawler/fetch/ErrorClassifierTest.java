package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.ErrorKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassifierTest {

    static Stream<Arguments> okHttpFailures() {
        return Stream.of(
                Arguments.of(new UnknownHostException("no.such.host"), ErrorKind.DNS),
                Arguments.of(new ConnectException("Connection refused"), ErrorKind.CONNECT),
                Arguments.of(new SocketTimeoutException("Read timed out"), ErrorKind.TIMEOUT),
                Arguments.of(new SocketTimeoutException("Connect timed out"), ErrorKind.TIMEOUT),
                Arguments.of(new InterruptedIOException("timeout"), ErrorKind.TIMEOUT),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), ErrorKind.TLS),
                Arguments.of(new SocketException("Connection reset"), ErrorKind.CONNECTION_RESET),
                Arguments.of(new IOException("wrapped", new SocketException("Connection reset by peer")),
                        ErrorKind.CONNECTION_RESET),
                Arguments.of(new SocketException("Broken pipe"), ErrorKind.CONNECTION_RESET),
                Arguments.of(new IOException("unexpected end of stream on http://localhost:1/...",
                        new EOFException("\\n not found: limit=0")), ErrorKind.EMPTY_RESPONSE),
                Arguments.of(new IOException("unexpected end of stream on http://localhost:1/...",
                        new EOFException("\\n not found: limit=0 content=…")), ErrorKind.EMPTY_RESPONSE),
                Arguments.of(new IOException("unexpected end of stream on http://localhost:1/...",
                        new EOFException("\\n not found: limit=589 content=582d46696c6c65…")),
                        ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(new ProtocolException("Expected leading [0-9a-fA-F] character but was 0x6c"),
                        ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(new ProtocolException("unexpected end of stream"), ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(new ZipException("Not in GZIP format"), ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(new EOFException("Unexpected end of ZLIB input stream"), ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(new SocketException("Too many open files"), ErrorKind.RESOURCE_LIMIT),
                Arguments.of(new ConnectException("Failed to connect to localhost/127.0.0.1:8080"),
                        ErrorKind.CONNECT),
                Arguments.of(wrapped(new ConnectException("Failed to connect to localhost/127.0.0.1:8080"),
                        new SocketException("Too many open files")), ErrorKind.RESOURCE_LIMIT),
                Arguments.of(new IOException("wrapped", new java.nio.file.FileSystemException(
                        "/etc/hosts: Too many open files")), ErrorKind.RESOURCE_LIMIT),
                Arguments.of(new IOException("something else"), ErrorKind.IO),
                Arguments.of(new IOException((String) null), ErrorKind.IO));
    }

    private static IOException wrapped(IOException outer, Throwable cause) {
        outer.initCause(cause);
        return outer;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("okHttpFailures")
    void classify_mapsEachOkHttpFailureToItsKind(IOException e, ErrorKind expected) {
        assertThat(ErrorClassifier.classify(e)).isEqualTo(expected);
    }
}
