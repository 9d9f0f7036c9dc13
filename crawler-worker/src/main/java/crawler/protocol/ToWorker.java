package crawler.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import crawler.fetch.FetchConfig;
import crawler.page.PageTask;
import java.util.List;
import java.util.Objects;

/**
 * A message the coordinator writes to a worker's stdin, one JSON line each. The first line a
 * worker reads is always a {@link Config}; after it come any number of {@link BatchMessage}s and
 * {@link Cancel}s, and at most one {@link Shutdown}, after which only {@link Cancel}s may follow.
 * The end of the worker's stdin means the coordinator is gone or gives up on it: the worker then
 * exits at once, whatever it still holds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ToWorker.Config.class, name = "config"),
    @JsonSubTypes.Type(value = ToWorker.BatchMessage.class, name = "batch"),
    @JsonSubTypes.Type(value = ToWorker.Shutdown.class, name = "shutdown"),
    @JsonSubTypes.Type(value = ToWorker.Cancel.class, name = "cancel")
})
public sealed interface ToWorker {

    /**
     * Everything a worker needs before it can take work. Sent once, as the first line.
     *
     * @param workerId the worker's slot number, stamped on every result it produces
     * @param threads  size of the worker's fixed pool of fetch threads
     * @param fetch    how the worker's one shared page processor fetches and parses; on the wire a
     *                 {@link FetchSpec}, whose names are the protocol's and not the internal record's
     * @param chaos    faults to inject (fault-isolation scenario); absent or null on the wire means none
     */
    record Config(
            int workerId,
            int threads,
            @JsonSerialize(converter = FetchSpec.Encode.class) @JsonDeserialize(converter = FetchSpec.Decode.class)
            FetchConfig fetch,
            Chaos chaos) implements ToWorker {
        public Config {
            Objects.requireNonNull(fetch, "fetch");
            chaos = chaos == null ? Chaos.NONE : chaos;
            if (workerId < 0) {
                throw new IllegalArgumentException("workerId must be >= 0, was " + workerId);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
        }

        /** A config without fault injection. */
        public Config(int workerId, int threads, FetchConfig fetch) {
            this(workerId, threads, fetch, Chaos.NONE);
        }
    }

    /** URLs to fetch; the worker answers each with a {@link FromWorker.ResultMessage} carrying {@code id}. */
    record BatchMessage(long id, List<PageTask> urls) implements ToWorker {
        public BatchMessage {
            urls = List.copyOf(urls);
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("batch " + id + " is empty");
            }
        }
    }

    /**
     * Finish the work in hand, take no more, then exit 0. The worker keeps reading its stdin
     * meanwhile: a {@link Cancel} still works, and the end of its input makes it exit at once.
     */
    record Shutdown() implements ToWorker {
    }

    /**
     * Stop work on {@code url} of batch {@code batch} (the watchdog found it stuck): its HTTP call
     * is cancelled and its thread interrupted. The worker answers with a
     * {@link FromWorker.Cancelled} once the URL's thread is free, in place of its result; a URL
     * whose result was already written is not answered again.
     */
    record Cancel(long batch, String url) implements ToWorker {
        public Cancel {
            Objects.requireNonNull(url, "url");
        }
    }
}
