package crawler.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import crawler.archive.WarcConfig;

/**
 * The wire form of a {@link WarcConfig}, inside {@link FetchSpec}: where a worker writes its WARC
 * files. Names and order are the protocol's (see {@link FetchSpec}). Immutable.
 */
@JsonPropertyOrder({"prefix", "maxFileBytes", "workerId", "mode", "concurrency", "commandLine"})
public record WarcSpec(
        @JsonProperty("prefix") String prefix,
        @JsonProperty("maxFileBytes") long maxFileBytes,
        @JsonProperty("workerId") Integer workerId,
        @JsonProperty("mode") String mode,
        @JsonProperty("concurrency") int concurrency,
        @JsonProperty("commandLine") String commandLine) {

    /** Null for null: no WARC output. */
    public static WarcSpec from(WarcConfig c) {
        return c == null ? null
                : new WarcSpec(c.prefix(), c.maxFileBytes(), c.workerId(), c.mode(), c.concurrency(), c.commandLine());
    }

    /** @throws IllegalArgumentException if a value is out of range (the internal record says which) */
    public WarcConfig toConfig() {
        return new WarcConfig(prefix, maxFileBytes, workerId, mode, concurrency, commandLine);
    }
}
