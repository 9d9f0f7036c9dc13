package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.archive.ExchangeRecorder;
import crawler.archive.HttpExchange;
import crawler.archive.WarcArchive;
import crawler.archive.WarcConfig;
import crawler.archive.WarcFiles;
import crawler.exec.Batch;
import crawler.exec.ThreadExecutor;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.url.UrlNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * A thread-mode crawl shares one WARC archive between all fetch threads. An interrupt that lands on
 * one of them while it writes its URL (the watchdog cancelling that attempt) must not close the
 * archive: every later page is still archived, none fails with "WARC archive".
 */
class ThreadModeWarcInterruptTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small().withFaults(false));

    private static final long WAIT_S = 60;

    @TempDir
    Path dir;

    @Test
    void interruptMidWrite_leavesTheSharedArchiveOpen_forLaterPages() throws Exception {
        List<String> urls = List.copyOf(SITE.server().manifest().reachable(1).keySet());
        String victim = urls.get(0);
        String prefix = dir.resolve("crawl").toString();
        WarcArchive archive = new WarcArchive(new WarcConfig(prefix, WarcConfig.DEFAULT_MAX_FILE_BYTES, null,
                "platform", 2, "test"));
        // The interrupt arrives while the victim's thread is inside the archive's write.
        ExchangeRecorder interruptedMidWrite = new ExchangeRecorder() {
            @Override
            public boolean active() {
                return true;
            }

            @Override
            public void record(PageResult result, List<HttpExchange> exchanges) {
                if (result.url().equals(victim)) {
                    Thread.currentThread().interrupt();
                }
                archive.record(result, exchanges);
            }

            @Override
            public void close() {
                archive.close();
            }
        };
        FetchConfig fetch = FetchConfig.defaults();
        HttpPageProcessor processor = new HttpPageProcessor(new Fetcher(fetch), new UrlNormalizer(),
                interruptedMidWrite);
        BlockingQueue<PageResult> results = new LinkedBlockingQueue<>();
        ThreadExecutor executor = ThreadExecutor.platformThreads(2, processor, results::add);
        List<PageResult> later = new ArrayList<>();
        try {
            executor.submit(new Batch(1, List.of(new PageTask(victim, 0))));
            assertThat(results.poll(WAIT_S, TimeUnit.SECONDS)).isNotNull();
            executor.submit(new Batch(2, urls.subList(1, urls.size()).stream().map(u -> new PageTask(u, 1)).toList()));
            for (int i = 1; i < urls.size(); i++) {
                PageResult r = results.poll(WAIT_S, TimeUnit.SECONDS);
                assertThat(r).as("result %d of %d", i, urls.size() - 1).isNotNull();
                later.add(r);
            }
        } finally {
            executor.shutdown(10_000);
        }

        assertThat(later).allSatisfy(r -> assertThat(r.error()).as("%s", r.url()).isNull());
        List<String> archived = new ArrayList<>();
        for (Path file : WarcFiles.list(prefix)) {
            try (WarcReader reader = new WarcReader(file)) {
                for (Optional<WarcRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
                    if (r.get().type().equals("metadata")) {
                        archived.add(((WarcTargetRecord) r.get()).target());
                    }
                }
            }
        }
        assertThat(archived).containsExactlyInAnyOrderElementsOf(urls);
    }
}
