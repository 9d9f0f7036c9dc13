package crawler.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fetch.FetchConfig;
import crawler.protocol.Codec;
import crawler.protocol.ToWorker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A crawl whose coordinator never ends it is forgotten on the member once idle, never while a batch runs. */
class MemberRuntimeTest {

    private static final Duration MAX_IDLE = Duration.ofMinutes(10);
    private final AtomicLong clock = new AtomicLong();
    private final String config = new Codec().encode(new ToWorker.Config(0, 1, FetchConfig.defaults()));

    private MemberRuntime runtime() {
        return new MemberRuntime(new PrintStream(PrintStream.nullOutputStream()), MAX_IDLE, clock::get, false);
    }

    @Test
    void aCrawlIdlePastTheMaxIdle_isForgotten_whenTheNextBatchOfAnyCrawlStarts() {
        try (MemberRuntime runtime = runtime()) {
            runtime.acquire("killed", config);
            runtime.release("killed");
            clock.addAndGet(MAX_IDLE.toNanos());
            runtime.acquire("next", config);
            assertThat(runtime.crawls()).as("idle exactly the max idle: kept").containsExactlyInAnyOrder("killed", "next");

            clock.incrementAndGet();
            runtime.acquire("other", config); // a batch starting is what forgets
            assertThat(runtime.crawls()).as("past it: forgotten; the others run batches")
                    .containsExactlyInAnyOrder("next", "other");
        }
    }

    @Test
    void aCrawlWithABatchRunning_isNotForgotten_howeverLongTheBatchTakes() {
        try (MemberRuntime runtime = runtime()) {
            runtime.acquire("slow", config);
            runtime.acquire("slow", config);
            runtime.release("slow");
            clock.addAndGet(MAX_IDLE.toNanos() * 3);
            runtime.forgetIdle();
            assertThat(runtime.crawls()).containsExactly("slow");

            runtime.release("slow");
            clock.addAndGet(MAX_IDLE.toNanos() + 1);
            runtime.forgetIdle();
            assertThat(runtime.crawls()).isEmpty();
        }
    }

    @Test
    void anEndedCrawl_isClosedAtOnce() {
        try (MemberRuntime runtime = runtime()) {
            runtime.acquire("done", config);
            runtime.release("done");
            runtime.endCrawl("done");
            assertThat(runtime.crawls()).isEmpty();
        }
    }
}
