package crawler.bench.probe;

import crawler.bench.Samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandOffTest {

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
}
