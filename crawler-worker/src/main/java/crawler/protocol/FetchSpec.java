package crawler.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.util.StdConverter;
import crawler.fetch.FetchConfig;
import java.time.Duration;

/**
 * The wire form of a worker's {@link FetchConfig}, inside {@link ToWorker.Config}: its names and
 * order are the protocol's, written out here, so renaming or reordering a field of the internal
 * record does not change what crosses the pipe. {@link #from} and {@link #toConfig} are the only
 * mapping between the two; with {@link WarcSpec} and {@link RulesSpec} they cover every field.
 *
 * <p>Immutable. Holds values as they are: the internal record checks them when
 * {@link #toConfig} builds it, so a bad value on the wire is a malformed message.
 */
@JsonPropertyOrder({"userAgent", "connectTimeout", "readTimeout", "callTimeout", "urlDeadline", "maxBodyBytes",
    "maxRedirects", "maxRetries", "maxRetryAfter", "followNofollow", "cpuWorkRounds", "maxIdleConnections", "warc",
    "rules"})
public record FetchSpec(
        @JsonProperty("userAgent") String userAgent,
        @JsonProperty("connectTimeout") Duration connectTimeout,
        @JsonProperty("readTimeout") Duration readTimeout,
        @JsonProperty("callTimeout") Duration callTimeout,
        @JsonProperty("urlDeadline") Duration urlDeadline,
        @JsonProperty("maxBodyBytes") long maxBodyBytes,
        @JsonProperty("maxRedirects") int maxRedirects,
        @JsonProperty("maxRetries") int maxRetries,
        @JsonProperty("maxRetryAfter") Duration maxRetryAfter,
        @JsonProperty("followNofollow") boolean followNofollow,
        @JsonProperty("cpuWorkRounds") int cpuWorkRounds,
        @JsonProperty("maxIdleConnections") int maxIdleConnections,
        @JsonProperty("warc") WarcSpec warc,
        @JsonProperty("rules") RulesSpec rules) {

    public static FetchSpec from(FetchConfig c) {
        return new FetchSpec(c.userAgent(), c.connectTimeout(), c.readTimeout(), c.callTimeout(), c.urlDeadline(),
                c.maxBodyBytes(), c.maxRedirects(), c.maxRetries(), c.maxRetryAfter(), c.followNofollow(),
                c.cpuWorkRounds(), c.maxIdleConnections(), WarcSpec.from(c.warc()), RulesSpec.from(c.rules()));
    }

    /** @throws IllegalArgumentException if a value is out of range (the internal record says which) */
    public FetchConfig toConfig() {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, callTimeout, urlDeadline, maxBodyBytes,
                maxRedirects, maxRetries, maxRetryAfter, followNofollow, cpuWorkRounds, maxIdleConnections,
                warc == null ? null : warc.toConfig(), rules == null ? null : rules.toConfig());
    }

    /** Lets {@link ToWorker.Config} hold the internal record and write this one. */
    static final class Encode extends StdConverter<FetchConfig, FetchSpec> {
        @Override
        public FetchSpec convert(FetchConfig value) {
            return from(value);
        }
    }

    /** Lets {@link ToWorker.Config} read this record and hold the internal one. */
    static final class Decode extends StdConverter<FetchSpec, FetchConfig> {
        @Override
        public FetchConfig convert(FetchSpec value) {
            return value.toConfig();
        }
    }
}
