package crawler.coord;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Batch;
import crawler.exec.BatchExecutor;
import crawler.page.PageTask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The watchdog's rules on a hand-driven clock: when it acts, on which URLs, and what it does to them. */
class WatchdogRulesTest {

    private static final long STALL = Duration.ofSeconds(10).toNanos();
    private static final String A = "http://a.test/1";
    private static final String B = "http://a.test/2";

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final Watchdog watchdog = new Watchdog(Duration.ofSeconds(10),
            new PrintStream(logBytes, true, StandardCharsets.UTF_8), 0);
    private final Map<String, InFlight> inFlight = new LinkedHashMap<>();

    /** Re-hands what it is asked to (or nothing), and records the calls. */
    private static final class FakeExecutor implements BatchExecutor {
        final boolean canRehand;
        final List<List<String>> rehandCalls = new ArrayList<>();

        FakeExecutor(boolean canRehand) {
            this.canRehand = canRehand;
        }

        @Override
        public void submit(Batch batch) {
        }

        @Override
        public void shutdown(long graceMillis) {
        }

        @Override
        public Map<String, String> holders(Collection<String> urls) {
            Map<String, String> h = new LinkedHashMap<>();
            urls.forEach(u -> h.put(u, "thread t-" + u.charAt(u.length() - 1)));
            return h;
        }

        @Override
        public Set<String> rehand(Collection<String> urls) {
            rehandCalls.add(List.copyOf(urls));
            return canRehand ? Set.copyOf(urls) : Set.of();
        }
    }

    private void handOut(String url, long at) {
        inFlight.put(url, new InFlight(new PageTask(url, 1), at, false));
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void beforeTheStallTimeout_nothingHappens() {
        FakeExecutor executor = new FakeExecutor(true);
        handOut(A, 0);

        assertThat(watchdog.check(STALL - 1, 0, inFlight, executor)).isEmpty();
        assertThat(executor.rehandCalls).isEmpty();
        assertThat(log()).isEmpty();
    }

    @Test
    void firstStall_rehandsOnlyUrlsInFlightThatLong_andNamesTheirHolders() {
        FakeExecutor executor = new FakeExecutor(true);
        handOut(A, 0);
        handOut(B, STALL / 2);

        assertThat(watchdog.check(STALL, 0, inFlight, executor)).isEmpty();

        assertThat(executor.rehandCalls).containsExactly(List.of(A));
        assertThat(inFlight.get(A)).isEqualTo(new InFlight(new PageTask(A, 1), STALL, true));
        assertThat(inFlight.get(B).rehanded()).isFalse();
        assertThat(log()).contains("no result for 10 s; 2 URLs in flight, 1 stuck:")
                .contains(A + " (in flight 10 s, held by thread t-1)").doesNotContain(B)
                .contains("handed 1 of 1 stuck URLs out again (once)");
    }

    @Test
    void aUrlStuckAgainAfterItsRehand_isGivenUp_andTheWatchdogActsAtMostOncePerTimeout() {
        FakeExecutor executor = new FakeExecutor(true);
        handOut(A, 0);
        watchdog.check(STALL, 0, inFlight, executor);

        assertThat(watchdog.check(2 * STALL - 1, 0, inFlight, executor)).as("too soon after the last action").isEmpty();
        List<InFlight> givenUp = watchdog.check(2 * STALL, 0, inFlight, executor);

        assertThat(givenUp).extracting(f -> f.task().url()).containsExactly(A);
        assertThat(executor.rehandCalls).hasSize(1);
        assertThat(log()).contains("giving up on 1 URLs stuck twice");
    }

    @Test
    void progressSinceTheLastStall_postponesTheNextAction() {
        FakeExecutor executor = new FakeExecutor(true);
        handOut(A, 0);
        watchdog.check(STALL, 0, inFlight, executor);

        long resultAt = STALL + STALL / 2; // e.g. another URL finished, or a replacement worker started
        assertThat(watchdog.check(2 * STALL, resultAt, inFlight, executor)).isEmpty();
        assertThat(watchdog.check(resultAt + STALL, resultAt, inFlight, executor))
                .extracting(f -> f.task().url()).containsExactly(A);
    }

    @Test
    void anExecutorThatCannotRehand_getsTheUrlGivenUpAtTheNextStall() {
        FakeExecutor executor = new FakeExecutor(false);
        handOut(A, 0);

        assertThat(watchdog.check(STALL, 0, inFlight, executor)).isEmpty();
        assertThat(inFlight.get(A)).isEqualTo(new InFlight(new PageTask(A, 1), 0, true));
        assertThat(log()).contains("handed 0 of 1 stuck URLs out again (once); the executor could not re-hand the rest");
        assertThat(watchdog.check(2 * STALL, 0, inFlight, executor)).extracting(f -> f.task().url()).containsExactly(A);
    }
}
