package crawler.page;

import java.util.Objects;

/** A failed page: the kind, for counting, and a message for people. */
public record PageError(ErrorKind kind, String message) {
    public PageError {
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message;
    }
}
