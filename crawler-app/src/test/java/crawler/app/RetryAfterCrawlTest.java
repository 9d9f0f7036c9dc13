package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.fetch.FetchConfig;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.frontier.PolitenessConfig;
import crawler.page.PageResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 429 with {@code Retry-After: 1} pauses its whole host, in every mode: no other request to the
 * host reaches the site until a second after the 429 was served. The site serves one request of the
 * host at a time (one slot per host), so every request after the 429 was handed out after its result
 * came back, and the order of arrival at the site, on the test JVM's clock, is what is checked.
 */
class RetryAfterCrawlTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aTooManyRequestsAnswer_pausesEveryOtherRequestToItsHost_forItsRetryAfter(Mode mode) {
        FixtureServer site = SITE.server();
        site.resetCounters();
        String busy = site.manifest().urlOf(FaultPage.TOO_MANY_REQUESTS);
        List<String> seeds = new ArrayList<>();
        seeds.add(busy); // first, so the pages after it are the ones it must hold back
        site.manifest().reachable(1).values().stream()
                .filter(e -> e.ok() && !e.url().contains("/faults/") && !e.url().equals(busy))
                .map(e -> e.url()).sorted().limit(3).forEach(seeds::add);
        CrawlSettings base = TestCrawls.settings(mode, 0, 4, 2, 0);
        FetchConfig d = FetchConfig.defaults(); // no retry inside the fetch unit: the pause is the frontier's
        FetchConfig noRetries = new FetchConfig(d.userAgent(), d.connectTimeout(), d.readTimeout(), d.callTimeout(),
                d.urlDeadline(), d.maxBodyBytes(), d.maxRedirects(), 0, d.maxRetryAfter(), d.followNofollow(),
                d.cpuWorkRounds(), d.maxIdleConnections());
        CrawlSettings settings = base.toBuilder()
                .politeness(new PolitenessConfig(1, Duration.ZERO, false, Duration.ZERO))
                .fetch(noRetries)
                .build();

        TestCrawls.Outcome out = TestCrawls.crawl(settings, seeds.toArray(String[]::new));

        assertThat(out.results()).extracting(PageResult::url).containsExactlyInAnyOrderElementsOf(seeds);
        PageResult answer = out.results().stream().filter(r -> r.url().equals(busy)).findFirst().orElseThrow();
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.retryAfterMs()).isEqualTo(1_000);
        long served = site.requestTimes(busy).orElseThrow().lastNanos();
        long pauseEnds = served + TimeUnit.SECONDS.toNanos(1);
        int after = 0;
        for (String page : seeds.subList(1, seeds.size())) {
            FixtureServer.RequestTimes t = site.requestTimes(page).orElseThrow();
            if (t.firstNanos() > served) {
                after++;
                assertThat(t.firstNanos()).as("%s was requested %d ms after the 429, inside its 1 s pause", page,
                        TimeUnit.NANOSECONDS.toMillis(t.firstNanos() - served)).isGreaterThanOrEqualTo(pauseEnds);
            }
        }
        assertThat(after).as("pages of the host requested after the 429").isPositive();
    }
}
