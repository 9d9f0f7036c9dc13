package crawler.frontier;

import crawler.url.UrlNormalizer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which URLs belong to the crawl. By default the hosts of the seeds (host and port); an include
 * pattern widens that, an exclude pattern narrows it and always wins.
 *
 * <p>Immutable and thread-safe. Pure: looks at the URL text only, never at the network.
 */
public record Scope(Set<String> hostKeys, List<Pattern> includes, List<Pattern> excludes) {

    public Scope {
        hostKeys = Set.copyOf(hostKeys);
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    /** Scope of the seeds' hosts, with optional include/exclude patterns (Java regex, matched with find()). */
    public static Scope ofSeeds(List<String> seedUrls, List<Pattern> includes, List<Pattern> excludes) {
        Set<String> hosts = seedUrls.stream().map(UrlNormalizer::hostKey).collect(java.util.stream.Collectors.toSet());
        return new Scope(hosts, includes, excludes);
    }

    /** True if the URL belongs to the crawl; false for one without a usable host, which no crawl can fetch. */
    public boolean contains(String url) {
        Objects.requireNonNull(url, "url");
        String hostKey = UrlNormalizer.hostKeyOrNull(url);
        return hostKey != null && contains(url, hostKey);
    }

    /** {@link #contains(String)} for a URL whose host key the caller has already worked out. */
    public boolean contains(String url, String hostKey) {
        for (Pattern p : excludes) {
            if (p.matcher(url).find()) {
                return false;
            }
        }
        if (hostKeys.contains(hostKey)) {
            return true;
        }
        for (Pattern p : includes) {
            if (p.matcher(url).find()) {
                return true;
            }
        }
        return false;
    }
}
