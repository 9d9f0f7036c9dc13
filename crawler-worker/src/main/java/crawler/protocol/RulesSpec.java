package crawler.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import crawler.fetch.CrawlRules;
import java.util.List;
import java.util.Set;

/**
 * The wire form of the {@link CrawlRules} every request must respect, inside {@link FetchSpec}.
 * Names and order are the protocol's (see {@link FetchSpec}). Immutable.
 */
@JsonPropertyOrder({"denyPrivate", "allowedHosts", "obeyRobots", "excludes"})
public record RulesSpec(
        @JsonProperty("denyPrivate") boolean denyPrivate,
        @JsonProperty("allowedHosts") Set<String> allowedHosts,
        @JsonProperty("obeyRobots") boolean obeyRobots,
        @JsonProperty("excludes") List<String> excludes) {

    public static RulesSpec from(CrawlRules r) {
        return r == null ? null : new RulesSpec(r.denyPrivate(), r.allowedHosts(), r.obeyRobots(), r.excludes());
    }

    /** @throws IllegalArgumentException if an exclude pattern does not compile */
    public CrawlRules toConfig() {
        return new CrawlRules(denyPrivate, allowedHosts, obeyRobots, excludes);
    }
}
