package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.ErrorKind;
import crawler.page.PageResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --deny-private} against the hostile page that links to loopback, private, link-local,
 * CGNAT, NAT64, 6to4 and unique-local addresses and to 127.0.0.1 spelt as numbers. An include
 * pattern puts every target in scope, so only the guard where connections are made stands between
 * them and a request. Every mode runs the same guard (workers get it with their config).
 */
class DenyPrivateCrawlTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small().withHostile(true));

    private static CrawlSettings settings(Mode mode, String include, boolean denyPrivate) {
        CrawlSettings s = TestCrawls.settings(mode, 1, 4, 1, 0);
        return s.toBuilder().includes(List.of(Pattern.compile(include))).denyPrivate(denyPrivate).build();
    }

    private static PageResult page(TestCrawls.Outcome out, String url) {
        return out.results().stream().filter(r -> r.url().equals(url)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void denyPrivate_refusesEveryPrivateTarget_withPrivateAddress_butCrawlsTheSeedHost(Mode mode) {
        FixtureServer site = SITE.server();
        String page = site.url(FaultPage.HOSTILE_PRIVATE_LINKS.path());
        site.resetCounters();

        TestCrawls.Outcome out = TestCrawls.crawl(settings(mode, ".", true), page);

        PageResult seed = page(out, page);
        assertThat(seed.ok()).as("%s", seed.error()).isTrue();
        // 15 private targets (127.0.0.1 twice, 127.0.0.2, three numeric spellings, [::1], RFC 1918,
        // link-local, CGNAT, NAT64, 6to4, unique-local) and the start page by the seed's own name.
        assertThat(seed.links()).hasSize(16).contains(site.baseUrl());
        Set<String> refused = new HashSet<>(seed.links());
        refused.remove(site.baseUrl());
        assertThat(out.results()).extracting(PageResult::url)
                .containsExactlyInAnyOrderElementsOf(concat(List.of(page, site.baseUrl()), refused));
        for (String url : refused) {
            PageResult r = page(out, url);
            assertThat(r.error()).as(url).isNotNull();
            assertThat(r.error().kind()).as("%s: %s", url, r.error()).isEqualTo(ErrorKind.PRIVATE_ADDRESS);
        }
        assertThat(page(out, site.baseUrl()).ok()).isTrue();
        // Nothing refused reached the server: /l1/p1.html is linked only through 127.0.0.1.
        assertThat(site.requestCount("/l1/p1.html")).isZero();
        assertThat(site.requestCount("/")).isEqualTo(1);
        assertThat(out.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
    }

    @Test
    void seededBy127001_anotherLoopbackName_isRefused_butTheSeedsOwnSpellingIsFetched() {
        FixtureServer site = SITE.server();
        String ip = "http://127.0.0.1:" + site.port() + "/";
        String page = ip + FaultPage.HOSTILE_PRIVATE_LINKS.path().substring(1);

        TestCrawls.Outcome out = TestCrawls.crawl(settings(Mode.VIRTUAL, ".", true), page);

        assertThat(page(out, ip).ok()).isTrue();
        assertThat(page(out, ip + "l1/p1.html").ok()).isTrue();
        for (String other : List.of(site.baseUrl(), "http://127.0.0.2:" + site.port() + "/")) {
            PageResult r = page(out, other);
            assertThat(r.error()).as(other).isNotNull();
            assertThat(r.error().kind()).as("%s: %s", other, r.error()).isEqualTo(ErrorKind.PRIVATE_ADDRESS);
        }
    }

    @Test
    void withoutDenyPrivate_theSameLoopbackTargetsAreFetched() {
        FixtureServer site = SITE.server();
        String page = site.url(FaultPage.HOSTILE_PRIVATE_LINKS.path());
        String loopback = "http://127.0.0.1:" + site.port() + "/";

        // Only the loopback targets are put in scope: the crawl must not leave this machine.
        TestCrawls.Outcome out = TestCrawls.crawl(settings(Mode.VIRTUAL, "^http://127\\.0\\.0\\.1:" + site.port() + "/",
                false), page);

        assertThat(out.results()).extracting(PageResult::url).containsExactlyInAnyOrder(page, site.baseUrl(),
                loopback, loopback + "l1/p1.html");
        assertThat(out.results()).allMatch(PageResult::ok);
    }

    private static List<String> concat(List<String> a, Set<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
