package crawler.bench.probe;

import crawler.bench.Samples;
import crawler.bench.run.ChildCrawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandOffTest {

    @TempDir
    Path work;

    @Test
    void pingPong_handsTheTokenExactlyCountTimes_onVirtualAndPlatformThreads() throws InterruptedException {
        long noLimit = TimeUnit.MINUTES.toNanos(5);
        assertThat(HandOffChild.pingPong(Thread.ofVirtual(), 1_000, noLimit)[0]).isEqualTo(1_000);
        assertThat(HandOffChild.pingPong(Thread.ofPlatform(), 1_000, noLimit)[0]).isEqualTo(1_000);
    }

    @Test
    void describe_printsMedianAndSpread_inMicroseconds() {
        assertThat(Samples.handOff("process", 9.0, 8.5, 10.0).describe()).isEqualTo("process 9.00 us (8.50-10.0)");
    }

    @Test
    void order_rotatesTheKinds_soEachLeadsARound() {
        assertThat(HandOff.order(0)).containsExactly("virtual", "platform", "process");
        assertThat(HandOff.order(1)).containsExactly("platform", "process", "virtual");
        assertThat(HandOff.order(2)).containsExactly("process", "virtual", "platform");
        assertThat(HandOff.order(3)).isEqualTo(HandOff.order(0));
    }

    @Test
    void measure_timesEveryKind_inAChildJvm_overEveryRound() throws Exception {
        List<HandOff> h = HandOff.measure(ChildCrawl.ofThisJvm(work, Duration.ofSeconds(30)).java(), 200, 1_000);

        assertThat(h).extracting(HandOff::kind).containsExactly("virtual", "platform", "process");
        // 200 hand-offs, well within a second each: every run makes them all (a pipe round trip is two).
        assertThat(h).allSatisfy(x -> {
            assertThat(x.handOffs()).isEqualTo(200);
            assertThat(x.perHandOffMicros().min()).isPositive();
        });
    }
}
