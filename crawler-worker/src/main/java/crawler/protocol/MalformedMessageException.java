package crawler.protocol;

/**
 * A line on the protocol channel that is not a protocol message: not JSON, or JSON of an
 * unknown type or shape. Typically a stray print of the JVM or a library; readers log it and
 * carry on.
 */
public final class MalformedMessageException extends Exception {

    private static final int MAX_QUOTED = 200;

    private final String line;

    MalformedMessageException(String line, Throwable cause) {
        super("not a protocol message: " + quote(line) + " (" + cause.getMessage().lines().findFirst().orElse("")
                + ")", cause);
        this.line = line;
    }

    /** The offending line, as read. */
    public String line() {
        return line;
    }

    private static String quote(String line) {
        return line.length() <= MAX_QUOTED ? '"' + line + '"' : '"' + line.substring(0, MAX_QUOTED) + "...\"";
    }
}
