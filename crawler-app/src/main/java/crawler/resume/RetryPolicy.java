package crawler.resume;

import crawler.page.ErrorKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which journaled failures a resumed crawl tries again, and how often. A failure is transient
 * when the same request may well succeed later: the worker or the crawl broke down around it
 * ({@code WORKER_CRASH}, {@code STALLED}, {@code RESOURCE_LIMIT}, {@code IO}), or the server or the
 * path to it did ({@code CONNECT}, {@code TIMEOUT}, {@code CONNECTION_RESET},
 * {@code EMPTY_RESPONSE}, {@code HTTP_5XX}). A 4xx, a page too large, a bad redirect or content
 * type is an answer, and asking again would get the same one.
 *
 * @param retries how many times a transient failure is tried again, over all resumes; 0 keeps
 *                every failure ({@code --no-retry-failed})
 */
public record RetryPolicy(int retries) {

    static final Set<ErrorKind> TRANSIENT = EnumSet.of(ErrorKind.WORKER_CRASH, ErrorKind.STALLED,
            ErrorKind.RESOURCE_LIMIT, ErrorKind.IO, ErrorKind.CONNECT, ErrorKind.TIMEOUT,
            ErrorKind.CONNECTION_RESET, ErrorKind.EMPTY_RESPONSE, ErrorKind.HTTP_5XX);

    /** The default: a transient failure is tried once more. */
    public static final RetryPolicy ONCE = new RetryPolicy(1);
    public static final RetryPolicy NEVER = new RetryPolicy(0);

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + retries);
        }
    }

    /** True when a line with this error kind (null: no error) is a transient failure. */
    static boolean isTransient(String errorKind) {
        if (errorKind == null) {
            return false;
        }
        try {
            return TRANSIENT.contains(ErrorKind.valueOf(errorKind));
        } catch (IllegalArgumentException e) {
            return false; // a kind this version does not know: keep the line as it is
        }
    }

    /** True when a URL whose journal holds {@code failures} transient failures and nothing else is to be fetched again. */
    boolean fetchAgain(int failures) {
        return failures <= retries;
    }
}
