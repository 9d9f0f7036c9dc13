package crawler.fetch;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What every request of a crawl must respect, whichever process makes it: part of the
 * {@link FetchConfig}, so a worker process receives it with its configuration and applies the same
 * rules, through the same code, as a thread-mode crawl does.
 *
 * <p>Immutable; checked when built (a bad pattern fails at start-up, naming it).
 *
 * @param denyPrivate   refuse connections to non-public addresses ({@link PrivateAddressGuard})
 * @param allowedHosts  hosts {@code denyPrivate} never refuses: the seeds' hosts
 * @param obeyRobots    a same-host redirect into a path robots.txt disallows is not followed
 * @param excludes      Java regular expressions (matched with find() on the normalised URL): a
 *                      same-host redirect into a matching URL is not followed, as {@code --exclude}
 *                      keeps such URLs out of the crawl
 */
public record CrawlRules(boolean denyPrivate, Set<String> allowedHosts, boolean obeyRobots, List<String> excludes) {

    /** No rules: what a lone fetch (a test, a probe) gets. */
    public static final CrawlRules NONE = new CrawlRules(false, Set.of(), false, List.of());

    public CrawlRules {
        allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        for (String e : excludes) {
            try {
                Pattern.compile(e);
            } catch (PatternSyntaxException ex) {
                throw new IllegalArgumentException("exclude pattern does not compile: " + e, ex);
            }
        }
    }

    /** The exclude patterns, compiled. */
    public List<Pattern> excludePatterns() {
        return excludes.stream().map(Pattern::compile).toList();
    }

    public CrawlRules withDenyPrivate(boolean deny, Set<String> hosts) {
        return new CrawlRules(deny, Objects.requireNonNull(hosts, "hosts"), obeyRobots, excludes);
    }
}
