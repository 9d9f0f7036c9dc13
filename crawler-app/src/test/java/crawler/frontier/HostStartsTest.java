package crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostStartsTest {

    @Test
    void aHostNeverAsked_mayStartAtOnce() {
        HostStarts s = new HostStarts();
        assertThat(s.mayStartAt(5)).isTrue();
        assertThat(s.nanosUntilStart(5)).isZero();
        assertThat(s.pausedAt(5)).isFalse();
    }

    @Test
    void booking_spacesStartsByTheGap_fromTheLaterOfNowAndTheNextStart() {
        HostStarts s = new HostStarts();
        assertThat(s.book(100, 50)).isEqualTo(100);
        assertThat(s.mayStartAt(149)).isFalse();
        assertThat(s.nanosUntilStart(120)).isEqualTo(30);
        assertThat(s.book(120, 50)).as("asked early: waits for the booked start").isEqualTo(150);
        assertThat(s.book(400, 50)).as("asked late: starts when asked").isEqualTo(400);
    }

    @Test
    void aPause_holdsStartsUntilItEnds_andAShorterOneNeverCutsIt() {
        HostStarts s = new HostStarts();
        s.book(0, 10);
        s.pauseUntil(1_000);
        s.pauseUntil(500);
        assertThat(s.pausedAt(999)).isTrue();
        assertThat(s.mayStartAt(999)).isFalse();
        assertThat(s.pausedAt(1_000)).isFalse();
        assertThat(s.book(600, 10)).isEqualTo(1_000);
    }

    @Test
    void timesCompareByDifference_acrossTheNanoCountersWrap() {
        HostStarts s = new HostStarts();
        long nearMax = Long.MAX_VALUE - 10;
        s.book(nearMax, 100); // the next start wraps past Long.MAX_VALUE
        assertThat(s.mayStartAt(nearMax + 5)).as("before the wrap, the next start after it").isFalse();
        assertThat(s.mayStartAt(nearMax + 50)).isFalse();
        assertThat(s.mayStartAt(nearMax + 100)).isTrue();
    }
}
