package crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolitenessTest {

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void hostAtItsInFlightLimit_isRefused_untilARelease() {
        Politeness p = new Politeness(new PolitenessConfig(2, Duration.ZERO, true, Duration.ofSeconds(10)), ticker);
        assertThat(p.tryAcquire("a:80")).isTrue();
        assertThat(p.tryAcquire("a:80")).isTrue();
        assertThat(p.tryAcquire("a:80")).isFalse();
        assertThat(p.nanosUntilReady("a:80")).isEqualTo(Long.MAX_VALUE);
        assertThat(p.tryAcquire("b:80")).as("other hosts are independent").isTrue();
        p.release("a:80");
        assertThat(p.tryAcquire("a:80")).isTrue();
    }

    @Test
    void minimumDelay_spacesRequestStarts_onOneHost() {
        Politeness p = new Politeness(new PolitenessConfig(0, Duration.ofMillis(250), true, Duration.ofSeconds(10)), ticker);
        assertThat(p.tryAcquire("a:80")).isTrue();
        assertThat(p.tryAcquire("a:80")).isFalse();
        assertThat(p.nanosUntilReady("a:80")).isEqualTo(Duration.ofMillis(250).toNanos());
        ticker.advance(Duration.ofMillis(249));
        assertThat(p.tryAcquire("a:80")).isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(p.tryAcquire("a:80")).isTrue();
    }

    @Test
    void robotsCrawlDelay_raisesTheDelay_cappedByMaxCrawlDelay() {
        Politeness p = new Politeness(new PolitenessConfig(0, Duration.ofMillis(100), true, Duration.ofSeconds(2)), ticker);
        p.crawlDelay("a:80", 60_000);
        assertThat(p.tryAcquire("a:80")).isTrue();
        ticker.advance(Duration.ofMillis(1999));
        assertThat(p.tryAcquire("a:80")).isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(p.tryAcquire("a:80")).isTrue();
    }

    @Test
    void startGap_isTheConfiguredDelay_raisedByAHonouredCrawlDelay() {
        Politeness p = new Politeness(new PolitenessConfig(0, Duration.ofMillis(100), true, Duration.ofSeconds(2)), ticker);
        p.crawlDelay("slow:80", 60_000);
        p.crawlDelay("fast:80", 50);
        assertThat(p.startGap("slow:80")).as("capped by --max-crawl-delay").isEqualTo(Duration.ofSeconds(2));
        assertThat(p.startGap("fast:80")).as("never below --host-delay").isEqualTo(Duration.ofMillis(100));
        assertThat(p.startGap("unseen:80")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void crawlDelay_isIgnored_whenNotHonoured() {
        Politeness p = new Politeness(new PolitenessConfig(0, Duration.ZERO, false, Duration.ofSeconds(10)), ticker);
        p.crawlDelay("a:80", 5_000);
        assertThat(p.tryAcquire("a:80")).isTrue();
        assertThat(p.tryAcquire("a:80")).isTrue();
        assertThat(p.startGap("a:80")).isZero();
    }

    @Test
    void retryAfterPause_holdsEverySlotOfTheHost_untilItPasses_andNoOtherHost() {
        Politeness p = new Politeness(new PolitenessConfig(4, Duration.ZERO, true, Duration.ofSeconds(10)), ticker);
        assertThat(p.tryAcquire("a:80")).isTrue();

        p.pause("a:80", 5_000);

        assertThat(p.tryAcquire("a:80")).as("a free slot, but the host asked for a pause").isFalse();
        assertThat(p.nanosUntilReady("a:80")).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(p.tryAcquire("b:80")).as("other hosts go on").isTrue();
        ticker.advance(Duration.ofMillis(4_999));
        assertThat(p.tryAcquire("a:80")).isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(p.tryAcquire("a:80")).isTrue();
        assertThat(p.tryAcquire("a:80")).as("then the usual limits again").isTrue();
    }

    @Test
    void retryAfterPause_holdsAHostNeverRequested_andEvenWithTheLimitsLifted() {
        Politeness p = new Politeness(PolitenessConfig.unlimited(), ticker);
        p.pause("a:80", 2_000);
        assertThat(p.tryAcquire("a:80")).isFalse();
        ticker.advance(Duration.ofSeconds(2));
        assertThat(p.tryAcquire("a:80")).isTrue();
    }

    @Test
    void aShorterPause_doesNotCutALongerOne() {
        Politeness p = new Politeness(PolitenessConfig.unlimited(), ticker);
        p.pause("a:80", 5_000);
        p.pause("a:80", 1_000);
        p.pause("a:80", 0);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(p.tryAcquire("a:80")).isFalse();
        ticker.advance(Duration.ofSeconds(4));
        assertThat(p.tryAcquire("a:80")).isTrue();
    }

    @Test
    void releaseWithoutAcquire_isABrokenInvariant() {
        Politeness p = new Politeness(PolitenessConfig.polite(), ticker);
        assertThatThrownBy(() -> p.release("a:80")).isInstanceOf(IllegalStateException.class).hasMessageContaining("a:80");
    }

    @Test
    void negativeLimits_areRejected_withTheValue() {
        assertThatThrownBy(() -> new PolitenessConfig(-1, Duration.ZERO, true, Duration.ZERO))
                .hasMessageContaining("-1");
    }

    @Test
    void paceNote_withTheLimitsLifted_namesTheRetryAfterPause_notTheLimits() {
        Politeness p = new Politeness(PolitenessConfig.unlimited(), ticker);
        p.pause("a:80", 5_000);

        String note = p.pace(java.util.List.of("a:80", "b:80")).describe(8);

        assertThat(note).isEqualTo("per-host politeness, not --concurrency 8, sets this crawl's pace:"
                + " 1 host asked to wait (Retry-After)");
        ticker.advance(Duration.ofSeconds(5));
        assertThat(p.pace(java.util.List.of("a:80", "b:80")).describe(8))
                .as("the pause is over and no limit holds: nothing to name").isNull();
    }

    @Test
    void paceNote_withLimitsAndAPause_namesBoth_andOnlyTheLimitsAsLiftable() {
        Politeness p = new Politeness(new PolitenessConfig(2, Duration.ofMillis(250), true, Duration.ofSeconds(10)), ticker);
        p.pause("a:80", 5_000);
        p.pause("b:80", 5_000);

        String note = p.pace(java.util.List.of("a:80", "b:80", "c:80")).describe(8);

        assertThat(note).isEqualTo("per-host politeness, not --concurrency 8, sets this crawl's pace: 3 hosts with"
                + " URLs waiting, each allowed 2 requests in flight (--host-concurrency) and one request start every"
                + " 250ms (--host-delay or robots.txt Crawl-delay), so at most 12.0 pages/s; 2 hosts asked to wait"
                + " (Retry-After); on servers you own, --host-concurrency 0 --host-delay 0 lifts the limits");
    }

    @Test
    void paceNote_withoutAPause_namesOnlyTheLimits() {
        Politeness p = new Politeness(new PolitenessConfig(1, Duration.ZERO, false, Duration.ZERO), ticker);

        assertThat(p.pace(java.util.List.of("a:80")).describe(5)).isEqualTo("per-host politeness, not --concurrency 5,"
                + " sets this crawl's pace: 1 host with URLs waiting, each allowed 1 requests in flight"
                + " (--host-concurrency); on servers you own, --host-concurrency 0 --host-delay 0 lifts the limits");
    }
}
