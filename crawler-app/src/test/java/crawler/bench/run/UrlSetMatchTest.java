package crawler.bench.run;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UrlSetMatchTest {

    private static final Set<String> TRUTH = Set.of("/", "/l1/p1.html", "/view?id=3&lang=en");

    @Test
    void sameSet_matches_whateverSiteFilesWereFetched() {
        UrlSetMatch m = UrlSetMatch.of(TRUTH, Set.of("/robots.txt", "/sitemap.xml", "/", "/l1/p1.html", "/view?id=3&lang=en"), Set.of());
        assertThat(m.matches()).isTrue();
        assertThat(m.fetched()).isEqualTo(3);
        assertThat(m.describe()).isEqualTo("= truth (3 pages)");
        assertThat(m.brief()).isEqualTo("= truth");
    }

    @Test
    void missingAndExtra_areCountedAndNamed_unfollowableExtrasApart() {
        UrlSetMatch m = UrlSetMatch.of(TRUTH, Set.of("/", "/l1/p1.html", "/view?amp;lang=en&id=3", "/hidden/nofollow-1.html"),
                Set.of("/hidden/nofollow-1.html", "/private/p0.html"));
        assertThat(m.matches()).isFalse();
        assertThat(m.missing()).containsExactly("/view?id=3&lang=en");
        assertThat(m.extra()).containsExactly("/hidden/nofollow-1.html", "/view?amp;lang=en&id=3");
        assertThat(m.notToFollow()).containsExactly("/hidden/nofollow-1.html");
        assertThat(m.fetched()).isEqualTo(4);
        assertThat(m.brief()).isEqualTo("1 missing, 2 extra");
        assertThat(m.describe()).isEqualTo("differs: 1 of 3 pages missing, e.g. /view?id=3&lang=en; 1 extra linked only in ways"
                + " not to follow (rel=nofollow, a comment or a script) or disallowed by robots.txt, e.g. /hidden/nofollow-1.html;"
                + " 1 extra not in the ground truth, e.g. /view?amp;lang=en&id=3");
    }

    @Test
    void nothingFetched_isEveryPageMissing() {
        UrlSetMatch m = UrlSetMatch.of(TRUTH, Set.of("/robots.txt"), Set.of());
        assertThat(m.missing()).hasSize(3);
        assertThat(m.extra()).isEmpty();
        assertThat(m.describe()).isEqualTo("differs: 3 of 3 pages missing, e.g. /, /l1/p1.html");
    }
}
