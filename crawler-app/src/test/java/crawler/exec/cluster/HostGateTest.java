package crawler.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostGateTest {

    @Test
    void owner_letsNoMoreThanTheHostConcurrencyIn_untilOneLeaves() throws Exception {
        HostGate gate = new HostGate();
        gate.enter("a:80", 1, 0);
        CountDownLatch second = new CountDownLatch(1);
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                gate.enter("a:80", 1, 0);
                second.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gate.enter("b:80", 1, 0); // another host is not held back
        assertThat(second.await(200, TimeUnit.MILLISECONDS)).as("second request to a:80 while one is in").isFalse();
        gate.exit("a:80");
        assertThat(second.await(10, TimeUnit.SECONDS)).as("second request once the first left").isTrue();
        t.join();
    }

    /** A clock that moves only when the gate waits, and the waits the gate asked for. */
    private static final class FakeClock {
        long now = 1_000_000_000L;
        final List<Long> waits = new ArrayList<>();

        HostGate gate() {
            return new HostGate(() -> now, nanos -> {
                waits.add(nanos);
                now += nanos;
            });
        }
    }

    @Test
    void owner_spacesRequestStartsOfAHost_byTheGapEachBatchBrings() throws Exception {
        FakeClock clock = new FakeClock();
        HostGate gate = clock.gate();
        long second = TimeUnit.SECONDS.toNanos(1);

        gate.enter("a:80", 0, second); // the first request of a host goes at once
        gate.enter("a:80", 0, second);
        gate.enter("b:80", 0, second); // another host has its own gap
        clock.now += second / 4;
        gate.enter("a:80", 0, second);

        assertThat(clock.waits).containsExactly(second, second * 3 / 4);
    }

    @Test
    void owner_keepsARobotsCrawlDelay_onceTheCoordinatorKnowsIt() throws Exception {
        FakeClock clock = new FakeClock();
        HostGate gate = clock.gate();
        long hostDelay = TimeUnit.MILLISECONDS.toNanos(100);
        long crawlDelay = TimeUnit.SECONDS.toNanos(5);

        gate.enter("a:80", 0, hostDelay); // before robots.txt was read: --host-delay
        gate.enter("a:80", 0, crawlDelay); // the coordinator's later batches bring the Crawl-delay
        gate.enter("a:80", 0, crawlDelay);
        gate.enter("a:80", 0, crawlDelay);

        assertThat(clock.waits).containsExactly(hostDelay, crawlDelay, crawlDelay);
    }

    @Test
    void retryAfterPause_holdsTheHostsNextStart_andNoOtherHost() throws Exception {
        long[] now = {1_000_000_000L};
        List<Long> waits = new ArrayList<>();
        HostGate gate = new HostGate(() -> now[0], nanos -> {
            waits.add(nanos);
            now[0] += nanos;
        });
        gate.enter("a:80", 0, 0);
        gate.exit("a:80");

        gate.pause("a:80", 0, 3_000);
        gate.enter("b:80", 0, 0);
        assertThat(waits).as("another host is not held back").isEmpty();
        now[0] += TimeUnit.SECONDS.toNanos(1);
        gate.enter("a:80", 0, 0);

        assertThat(waits).containsExactly(TimeUnit.SECONDS.toNanos(2));
        gate.enter("a:80", 0, 0);
        assertThat(waits).as("the pause is over").hasSize(1);
    }

    @Test
    void retryAfterPause_arrivingWhileARequestWaitsForItsStart_holdsThatRequestToo() throws Exception {
        long[] now = {1_000_000_000L};
        List<Long> waits = new ArrayList<>();
        HostGate[] gate = new HostGate[1];
        long second = TimeUnit.SECONDS.toNanos(1);
        gate[0] = new HostGate(() -> now[0], nanos -> {
            if (waits.isEmpty()) {
                gate[0].pause("a:80", 0, 3_000); // the in-flight request's 429 comes back mid-wait
            }
            waits.add(nanos);
            now[0] += nanos;
        });
        gate[0].enter("a:80", 0, second); // in flight at once
        long before = now[0];
        gate[0].enter("a:80", 0, second); // was waiting its gap when the pause came

        assertThat(now[0] - before).as("the waiting request starts only when the pause is over")
                .isEqualTo(TimeUnit.SECONDS.toNanos(3));
        assertThat(waits).containsExactly(second, 2 * second);
    }

    @Test
    void interruptedWhileHeldByAPause_givesItsSlotBack() throws Exception {
        long[] now = {1_000_000_000L};
        HostGate[] gate = new HostGate[1];
        int[] sleeps = {0};
        gate[0] = new HostGate(() -> now[0], nanos -> {
            if (sleeps[0]++ == 0) {
                gate[0].pause("a:80", 0, 3_000);
                now[0] += nanos;
                return;
            }
            throw new InterruptedException("stopped while held by the pause");
        });
        gate[0].enter("a:80", 2, TimeUnit.SECONDS.toNanos(1));
        try {
            gate[0].enter("a:80", 2, TimeUnit.SECONDS.toNanos(1));
            throw new AssertionError("expected the interrupt");
        } catch (InterruptedException expected) {
            // the slot it held went back
        }
        gate[0].exit("a:80");
        now[0] += TimeUnit.SECONDS.toNanos(10);
        Thread both = Thread.ofVirtual().start(() -> {
            try {
                gate[0].enter("a:80", 2, 0);
                gate[0].enter("a:80", 2, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        both.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(both.isAlive()).as("both slots are free again, so two requests get in").isFalse();
    }

    @Test
    void unlimitedHost_neverBlocks() throws Exception {
        FakeClock clock = new FakeClock();
        HostGate gate = clock.gate();
        for (int i = 0; i < 100; i++) {
            gate.enter("a:80", 0, 0);
        }
        gate.exit("a:80");
        assertThat(clock.waits).isEmpty();
    }
}
