package crawler.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import crawler.page.PageResult;
import java.util.Objects;

/**
 * A message a worker writes to its stdout, one JSON line each. The first is always a
 * {@link Hello}; then, per URL received, a {@link Started} when a fetch thread picks it up and a
 * {@link ResultMessage} when it is done, and a {@link BatchDone} after the last result of each
 * batch. A URL the coordinator cancelled gets a {@link Cancelled} instead of its result.
 * {@link Fatal} precedes an exit the worker chose itself.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FromWorker.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = FromWorker.Started.class, name = "started"),
    @JsonSubTypes.Type(value = FromWorker.ResultMessage.class, name = "result"),
    @JsonSubTypes.Type(value = FromWorker.BatchDone.class, name = "done"),
    @JsonSubTypes.Type(value = FromWorker.Fatal.class, name = "fatal"),
    @JsonSubTypes.Type(value = FromWorker.Cancelled.class, name = "cancelled")
})
public sealed interface FromWorker {

    /** The worker read its config, built its processor and thread pool, and takes work now. */
    record Hello(long pid, int workerId) implements FromWorker {
    }

    /**
     * A fetch thread began on {@code url} of batch {@code batch}. If the worker dies now, this URL
     * may be what killed it; URLs still queued behind it are not suspects.
     */
    record Started(long batch, String url) implements FromWorker {
        public Started {
            Objects.requireNonNull(url, "url");
        }
    }

    /** The outcome of one URL of batch {@code batch}. */
    record ResultMessage(long batch, PageResult result) implements FromWorker {
        public ResultMessage {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Every URL of batch {@code batch} has had its result written. */
    record BatchDone(long batch) implements FromWorker {
    }

    /**
     * The worker dropped {@code url} of batch {@code batch} as asked by a {@link ToWorker.Cancel}:
     * no result follows for it, and the thread that ran it is free again.
     */
    record Cancelled(long batch, String url) implements FromWorker {
        public Cancelled {
            Objects.requireNonNull(url, "url");
        }
    }

    /** The worker cannot go on (bad config, broken invariant) and is about to exit non-zero. */
    record Fatal(String message) implements FromWorker {
        public Fatal {
            message = message == null ? "" : message;
        }
    }
}
