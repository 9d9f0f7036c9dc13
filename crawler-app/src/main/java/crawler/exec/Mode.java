package crawler.exec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The execution substrates this project compares. */
public enum Mode {
    /** One virtual thread per URL, in-flight URLs bounded by the concurrency. */
    VIRTUAL,
    /** A fixed pool of platform threads, as many as the concurrency. */
    PLATFORM,
    /** Worker JVMs, each with its own HTTP client and platform threads. */
    PROCESS,
    /**
     * Hazelcast members (one embedded in this JVM by default, or on other machines), each host's
     * batches on the member owning its key, fetched there on virtual threads.
     */
    CLUSTER;

    /** The name as {@code --mode} takes it and summaries write it: virtual, platform, process, cluster. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a {@link #label()} (any case). */
    @JsonCreator
    public static Mode parse(String label) {
        for (Mode m : values()) {
            if (m.label().equalsIgnoreCase(label.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + label + "'; expected virtual, platform, process or cluster");
    }
}
