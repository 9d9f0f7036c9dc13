package crawler.archive;

import static crawler.archive.Warcs.exchange;
import static crawler.archive.Warcs.result;
import static org.assertj.core.api.Assertions.assertThat;

import crawler.archive.HttpExchange.Truncation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcTruncationReason;

class WarcArchiveTest {

    @TempDir
    Path dir;

    private WarcConfig config(long maxBytes) {
        return new WarcConfig(dir.resolve("crawl").toString(), maxBytes, null, "virtual", 8, "crawler crawl x");
    }

    @Test
    void interruptedRecording_neitherFails_norClosesTheArchiveForLaterUrls() throws Exception {
        WarcArchive archive = new WarcArchive(config(WarcConfig.DEFAULT_MAX_FILE_BYTES));
        archive.record(result("http://h/a", List.of()), List.of(exchange("http://h/a", "a", false, Truncation.NONE)));
        boolean stillInterrupted;
        // The watchdog's interrupt landing while this thread records its URL.
        Thread.currentThread().interrupt();
        try {
            archive.record(result("http://h/b", List.of()),
                    List.of(exchange("http://h/b", "b", false, Truncation.NONE)));
        } finally {
            stillInterrupted = Thread.interrupted();
        }
        archive.record(result("http://h/c", List.of()), List.of(exchange("http://h/c", "c", false, Truncation.NONE)));
        archive.close();

        assertThat(stillInterrupted).as("the interrupt is left for the thread's owner").isTrue();
        assertThat(Warcs.read(archive.files().get(0))).filteredOn(r -> r.type().equals("metadata"))
                .extracting(Warcs.Rec::target).containsExactly("http://h/a", "http://h/b", "http://h/c");
    }

    @Test
    void url_becomesRequestResponsePairs_linkedBothWays_thenOneMetadataRecord() throws Exception {
        WarcArchive archive = new WarcArchive(config(WarcConfig.DEFAULT_MAX_FILE_BYTES));
        archive.record(result("http://h/a", List.of("http://h/x", "http://h/y")),
                List.of(exchange("http://h/a", "", false, Truncation.NONE),
                        exchange("http://h/b", "<p>hello</p>", true, Truncation.NONE)));
        archive.close();

        assertThat(archive.files()).singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).matches("crawl-\\d{17}-00000-main\\.warc\\.gz"));
        List<Warcs.Rec> recs = Warcs.read(archive.files().get(0));
        assertThat(recs).extracting(Warcs.Rec::type)
                .containsExactly("warcinfo", "request", "response", "request", "response", "metadata");
        assertThat(recs).extracting(Warcs.Rec::target)
                .containsExactly(null, "http://h/a", "http://h/a", "http://h/b", "http://h/b", "http://h/a");
        for (int i : new int[] {1, 3}) {
            assertThat(recs.get(i).concurrentTo()).containsExactly(recs.get(i + 1).id());
            assertThat(recs.get(i + 1).concurrentTo()).containsExactly(recs.get(i).id());
        }
        assertThat(recs.get(5).concurrentTo()).containsExactly(recs.get(4).id());
        for (Warcs.Rec r : recs.subList(1, recs.size())) {
            assertThat(r.blockDigest()).as("block digest of %s %s", r.type(), r.target())
                    .startsWith("sha1:").isEqualTo(r.calculatedBlockDigest());
        }
        // The chunked body is stored re-chunked; the payload (and its digest) is the de-chunked entity.
        assertThat(new String(recs.get(4).payload(), StandardCharsets.UTF_8)).isEqualTo("<p>hello</p>");
        assertThat(recs.get(4).payloadDigest()).isEqualTo(Warcs.sha1("<p>hello</p>".getBytes(StandardCharsets.UTF_8)));
        assertThat(recs.get(5).text()).contains("url: http://h/a\r\n", "depth: 1\r\n", "pid: 77\r\n",
                "thread-name: fetch-9\r\n", "writer: main\r\n", "outlink: http://h/x\r\n", "outlink: http://h/y\r\n");
        assertThat(recs.get(0).text()).contains("software: " + WarcArchive.SOFTWARE, "mode: virtual\r\n",
                "concurrency: 8\r\n", "command-line: crawler crawl x\r\n", "jdk: " + Runtime.version(), "hostname: ");
        assertThat(recs.get(0).filename()).isEqualTo(archive.files().get(0).getFileName().toString());
    }

    @Test
    void cutPayload_isMarkedTruncated_withTheReason() throws Exception {
        WarcArchive archive = new WarcArchive(config(WarcConfig.DEFAULT_MAX_FILE_BYTES));
        archive.record(result("http://h/big", List.of()), List.of(exchange("http://h/big", "xxxx", false,
                Truncation.LENGTH)));
        archive.record(result("http://h/cut", List.of()), List.of(exchange("http://h/cut", "yy", false,
                Truncation.DISCONNECT)));
        archive.record(result("http://h/ok", List.of()), List.of(exchange("http://h/ok", "zz", false,
                Truncation.NONE)));
        archive.close();

        assertThat(Warcs.read(archive.files().get(0))).filteredOn(r -> r.type().equals("response"))
                .extracting(Warcs.Rec::truncated)
                .containsExactly(WarcTruncationReason.LENGTH, WarcTruncationReason.DISCONNECT,
                        WarcTruncationReason.NOT_TRUNCATED);
    }

    @Test
    void urlWithoutAnyResponse_isNotRecorded_andOpensNoFile() {
        WarcArchive archive = new WarcArchive(config(WarcConfig.DEFAULT_MAX_FILE_BYTES));
        archive.record(result("http://h/reset", List.of()), List.of());
        archive.close();

        assertThat(archive.files()).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void files_rotateBeforePassingTheLimit_eachOpeningWithWarcinfo_serialsCounting() throws Exception {
        long max = 4096;
        WarcArchive archive = new WarcArchive(config(max), InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")));
        for (int i = 0; i < 20; i++) {
            String url = "http://h/p" + i;
            archive.record(result(url, List.of()), List.of(exchange(url, "body " + i, false, Truncation.NONE)));
        }
        archive.close();

        List<Path> files = archive.files();
        assertThat(files).hasSizeGreaterThan(2);
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly(
                java.util.stream.IntStream.range(0, files.size())
                        .mapToObj(i -> String.format("crawl-20260102030405000-%05d-main.warc.gz", i)).toArray(String[]::new));
        List<String> urls = new ArrayList<>();
        for (Path f : files) {
            assertThat(Files.size(f)).isLessThanOrEqualTo(max);
            List<Warcs.Rec> recs = Warcs.read(f);
            assertThat(recs.get(0).type()).isEqualTo("warcinfo");
            recs.stream().filter(r -> r.type().equals("metadata")).forEach(r -> urls.add(r.target()));
        }
        assertThat(urls).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> "http://h/p" + i).toList());
        assertThat(WarcFiles.list(dir.resolve("crawl").toString())).containsExactlyElementsOf(files);
    }

    @Test
    void concurrentWriters_keepEachUrlsRecordsTogether() throws Exception {
        WarcArchive archive = new WarcArchive(config(WarcConfig.DEFAULT_MAX_FILE_BYTES));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                pool.execute(() -> {
                    for (int i = 0; i < 25; i++) {
                        String url = "http://h/t" + thread + "/p" + i;
                        archive.record(result(url, List.of()), List.of(
                                exchange(url, "hop", false, Truncation.NONE),
                                exchange(url, "final " + i, false, Truncation.NONE)));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        archive.close();

        List<Warcs.Rec> recs = Warcs.read(archive.files().get(0));
        assertThat(recs).hasSize(1 + 8 * 25 * 5);
        for (int i = 1; i < recs.size(); i += 5) {
            String url = recs.get(i + 4).target();
            assertThat(recs.subList(i, i + 5)).extracting(Warcs.Rec::target).containsOnly(url);
            assertThat(recs.subList(i, i + 5)).extracting(Warcs.Rec::type)
                    .containsExactly("request", "response", "request", "response", "metadata");
        }
    }

    @Test
    void aWorkersFiles_carryItsWriterId() {
        WarcArchive archive = new WarcArchive(config(WarcConfig.DEFAULT_MAX_FILE_BYTES).forWorker(3));
        archive.record(result("http://h/a", List.of()), List.of(exchange("http://h/a", "a", false, Truncation.NONE)));
        archive.close();

        assertThat(archive.files()).singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).endsWith("-00000-w3.warc.gz"));
    }
}
