package crawler.bench.run;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the paths a crawler asked a fixture site for compare with the site's ground truth, as the
 * site itself saw them. The server's view holds for any crawler, whatever it logs, and two
 * spellings of one URL are one path there. robots.txt and the sitemap are left out: fetching them
 * is a crawler's own business, not part of the crawl.
 *
 * @param expected    ground-truth pages
 * @param fetched     distinct pages asked for (site files left out)
 * @param missing     ground-truth paths never asked for, sorted
 * @param extra       paths asked for beyond the ground truth, sorted
 * @param notToFollow the extras the site links only in ways a crawler must not follow (rel=nofollow,
 *                    an HTML comment or a script) or that robots.txt disallows, sorted
 */
public record UrlSetMatch(int expected, int fetched, List<String> missing, List<String> extra, List<String> notToFollow) {

    /** Fetched by a crawler but not pages of the crawl. */
    public static final Set<String> SITE_FILES = Set.of("/robots.txt", "/sitemap.xml");

    /** Examples named in a description. */
    public static final int EXAMPLES = 2;

    public UrlSetMatch {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        notToFollow = List.copyOf(notToFollow);
    }

    /**
     * Compares what was asked for with the ground truth.
     *
     * @param truth        canonical path and query of every page a correct crawl fetches
     * @param requested    canonical path and query of every distinct request the site served
     * @param unfollowable paths the site links only through rel=nofollow, comments or scripts, or that
     *                     robots.txt disallows: named apart among the extras
     */
    public static UrlSetMatch of(Set<String> truth, Set<String> requested, Set<String> unfollowable) {
        Objects.requireNonNull(truth, "truth");
        Set<String> fetched = new TreeSet<>(requested);
        fetched.removeAll(SITE_FILES);
        Set<String> missing = new TreeSet<>(truth);
        missing.removeAll(fetched);
        Set<String> extra = new TreeSet<>(fetched);
        extra.removeAll(truth);
        List<String> hidden = extra.stream().filter(unfollowable::contains).toList();
        return new UrlSetMatch(truth.size(), fetched.size(), new ArrayList<>(missing), new ArrayList<>(extra), hidden);
    }

    public boolean matches() {
        return missing.isEmpty() && extra.isEmpty();
    }

    /**
     * One line: {@code = truth (2,000 pages)}, or what differs, with counts and examples of each
     * kind: pages missing, extras not to be followed, other extras.
     */
    public String describe() {
        if (matches()) {
            return String.format(Locale.ROOT, "= truth (%,d pages)", expected);
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add(String.format(Locale.ROOT, "%,d of %,d pages missing, e.g. %s", missing.size(), expected, examples(missing)));
        }
        if (!notToFollow.isEmpty()) {
            parts.add(String.format(Locale.ROOT, "%,d extra linked only in ways not to follow (rel=nofollow, a comment or a"
                    + " script) or disallowed by robots.txt, e.g. %s", notToFollow.size(), examples(notToFollow)));
        }
        List<String> other = extra.stream().filter(p -> !notToFollow.contains(p)).toList();
        if (!other.isEmpty()) {
            parts.add(String.format(Locale.ROOT, "%,d extra not in the ground truth, e.g. %s", other.size(), examples(other)));
        }
        return "differs: " + String.join("; ", parts);
    }

    /** A short verdict for a table cell: {@code = truth}, or the counts that differ. */
    public String brief() {
        if (matches()) {
            return "= truth";
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add(missing.size() + " missing");
        }
        if (!extra.isEmpty()) {
            parts.add(extra.size() + " extra");
        }
        return String.join(", ", parts);
    }

    private static String examples(List<String> paths) {
        return String.join(", ", paths.subList(0, Math.min(EXAMPLES, paths.size())));
    }
}
