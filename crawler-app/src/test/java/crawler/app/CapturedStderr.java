package crawler.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures what a command prints on stderr during each test, then puts stderr back. For tests of
 * the command line, whose messages to the user are part of its behaviour.
 * Use as {@code @RegisterExtension final CapturedStderr stderr = new CapturedStderr();}.
 */
final class CapturedStderr implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream original;

    @Override
    public void beforeEach(ExtensionContext context) {
        original = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(original);
    }

    /** Everything printed on stderr so far in this test. */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
