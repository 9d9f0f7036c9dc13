package crawler.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fetch.FetchConfig;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.ToWorker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A crawl whose coordinator never ends it is forgotten on the member once idle, never while a batch runs. */
class MemberRuntimeTest {

    private static final Duration MAX_IDLE = Duration.ofMinutes(10);
    private final AtomicLong clock = new AtomicLong();
    private final String config = new Codec().encode(new ToWorker.Config(0, 1, FetchConfig.defaults()));

    /** Each crawl's processor, as the runtime built it: a fake that counts its closes. */
    private final Map<String, Counting> built = new ConcurrentHashMap<>();

    private MemberRuntime runtime() {
        return new MemberRuntime(new PrintStream(PrintStream.nullOutputStream()), MAX_IDLE, clock::get, false,
                (crawlId, configLine) -> built.computeIfAbsent(crawlId, id -> new Counting()));
    }

    /** A processor that fetches nothing and counts how often it was closed. */
    private static final class Counting implements PageProcessor {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public PageResult process(PageTask task) {
            throw new UnsupportedOperationException("not fetched in this test");
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private int closes(String crawlId) {
        return built.get(crawlId).closes.get();
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
            assertThat(closes("killed")).as("the forgotten crawl's client and files closed").isEqualTo(1);
            assertThat(closes("next") + closes("other")).as("the running ones left open").isZero();
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
            assertThat(closes("slow")).as("a batch still runs on it").isZero();

            runtime.release("slow");
            clock.addAndGet(MAX_IDLE.toNanos() + 1);
            runtime.forgetIdle();
            assertThat(runtime.crawls()).isEmpty();
            assertThat(closes("slow")).isEqualTo(1);
        }
    }

    @Test
    void anEndedCrawl_isClosedAtOnce() {
        try (MemberRuntime runtime = runtime()) {
            runtime.acquire("done", config);
            runtime.release("done");
            runtime.endCrawl("done");
            assertThat(runtime.crawls()).isEmpty();
            assertThat(closes("done")).as("closed when ended, not when idle").isEqualTo(1);
        }
    }
}
