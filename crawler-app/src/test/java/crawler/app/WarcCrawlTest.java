package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.archive.WarcConfig;
import crawler.archive.WarcFiles;
import crawler.exec.Mode;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;

/**
 * Crawling the fixture site with WARC output, in every mode, archives exactly what the results
 * file says was fetched: read back with jwarc, digests checked, payloads compared with what the
 * site serves.
 */
class WarcCrawlTest {

    private static final int DEPTH = 3;

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    @TempDir
    Path dir;

    /** One response record as read back. */
    record Archived(String target, String contentEncoding, byte[] payload, WarcTruncationReason truncated) {
    }

    /** A URL's records: its responses in order, closed by its metadata record. */
    record UrlRecords(String url, List<Archived> responses, String facts) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void crawlWithWarc_archivesEveryExchange_exactlyAsTheResultsSay(Mode mode) throws Exception {
        FixtureServer site = SITE.server();
        site.resetCounters();
        String prefix = dir.resolve("crawl").toString();
        CrawlSettings s = TestCrawls.settings(mode, DEPTH, 8, 2, 0);
        WarcConfig warc = new WarcConfig(prefix, WarcConfig.DEFAULT_MAX_FILE_BYTES, null,
                mode.name().toLowerCase(java.util.Locale.ROOT), 8, "crawler crawl (test)");
        s = s.toBuilder().fetch(s.fetch().withWarc(warc)).build();

        TestCrawls.Outcome out = TestCrawls.crawl(s, site.manifest().startUrl());

        List<Path> files = WarcFiles.list(prefix);
        Set<String> writers = files.stream()
                .map(f -> f.getFileName().toString().replaceAll(".*-(\\w+)\\.warc\\.gz$", "$1"))
                .collect(Collectors.toSet());
        // Cluster members each write their own files, named after their pid (members share no id space).
        Set<String> expectedWriters = switch (mode) {
            case PROCESS -> Set.of("w1", "w2");
            case CLUSTER -> out.results().stream().map(r -> "w" + r.pid() % 1_000_000).collect(Collectors.toSet());
            default -> Set.of("main");
        };
        assertThat(writers).isEqualTo(expectedWriters);

        Map<String, UrlRecords> archived = new LinkedHashMap<>();
        Map<String, Integer> responsesPerTarget = new HashMap<>();
        for (Path file : files) {
            for (UrlRecords u : readChecked(file, mode)) {
                assertThat(archived.put(u.url(), u)).as("%s archived twice", u.url()).isNull();
                u.responses().forEach(r -> responsesPerTarget.merge(r.target(), 1, Integer::sum));
            }
        }

        // Every URL that got a response is archived, once; nothing else is.
        Map<String, PageResult> answered = out.results().stream().filter(r -> r.status() > 0)
                .collect(Collectors.toMap(PageResult::url, r -> r));
        assertThat(archived.keySet()).isEqualTo(answered.keySet());
        assertThat(out.results()).filteredOn(r -> r.status() == 0).isNotEmpty(); // resets and empty responses exist

        for (PageResult r : answered.values()) {
            UrlRecords u = archived.get(r.url());
            // One response per exchange: redirect hops and retries each have their own.
            assertThat(u.responses()).as("responses of %s", r.url()).hasSize(r.attempts());
            assertThat(u.responses().get(0).target()).isEqualTo(r.url());
            assertThat(u.responses().get(u.responses().size() - 1).target()).isEqualTo(r.finalUrl());
            assertThat(u.facts()).contains("depth: " + r.depth() + "\r\n", "pid: " + r.pid() + "\r\n",
                    "thread-name: " + r.threadName() + "\r\n");
            for (String link : r.links()) {
                assertThat(u.facts()).contains("outlink: " + link + "\r\n");
            }
            if (mode == Mode.PROCESS) {
                assertThat(u.facts()).contains("worker-id: " + r.workerId() + "\r\n");
            }
        }
        // ... and every request the site answered has exactly one response record.
        for (Map.Entry<String, Integer> e : responsesPerTarget.entrySet()) {
            assertThat(e.getValue()).as("responses archived for %s", e.getKey())
                    .isEqualTo(site.requestCount(e.getKey()));
        }

        // Payloads are the bytes the site serves: gzip still compressed, an over-cap body cut and marked.
        String base = site.manifest().startUrl();
        String gzipUrl = base + FaultPage.GZIP.path().substring(1);
        String hugeUrl = base + FaultPage.TOO_LARGE.path().substring(1);
        String somePage = answered.values().stream().filter(PageResult::ok).map(PageResult::url)
                .filter(u -> u.endsWith(".html")).sorted().findFirst().orElseThrow();
        for (String url : List.of(base, somePage, gzipUrl)) {
            Archived a = single(archived.get(url));
            assertThat(a.truncated()).isEqualTo(WarcTruncationReason.NOT_TRUNCATED);
            assertThat(decoded(a.payload(), a.contentEncoding())).as("payload of %s", url).isEqualTo(served(url));
        }
        Archived gz = single(archived.get(gzipUrl));
        assertThat(gz.contentEncoding()).isEqualTo("gzip");
        assertThat(gz.payload()).startsWith((byte) 0x1f, (byte) 0x8b);
        Archived huge = single(archived.get(hugeUrl));
        assertThat(huge.truncated()).isEqualTo(WarcTruncationReason.LENGTH);
        assertThat((long) huge.payload().length).isEqualTo(s.fetch().maxBodyBytes());
    }

    private static Archived single(UrlRecords u) {
        assertThat(u.responses()).hasSize(1);
        return u.responses().get(0);
    }

    /**
     * Reads a file with jwarc, checking as it goes: warcinfo first, naming the mode; every block
     * digest and payload digest right; each request linked to its response; groups closed by metadata.
     */
    private static List<UrlRecords> readChecked(Path file, Mode mode) throws Exception {
        List<UrlRecords> urls = new ArrayList<>();
        List<Archived> responses = new ArrayList<>();
        String pendingRequestFor = null;
        int n = 0;
        try (WarcReader reader = new WarcReader(file)) {
            reader.calculateBlockDigest();
            for (Optional<WarcRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                WarcRecord rec = next.get();
                if (n++ == 0) {
                    assertThat(rec.type()).isEqualTo("warcinfo");
                    assertThat(new String(rec.body().stream().readAllBytes(), StandardCharsets.UTF_8))
                            .contains("mode: " + mode.name().toLowerCase(java.util.Locale.ROOT) + "\r\n");
                    continue;
                }
                String facts = null;
                switch (rec) {
                    case WarcRequest req -> {
                        assertThat(req.concurrentTo()).hasSize(1);
                        pendingRequestFor = req.concurrentTo().get(0).toString();
                    }
                    case WarcResponse resp -> {
                        assertThat(resp.id().toString()).isEqualTo(pendingRequestFor);
                        String encoding = resp.http().headers().first("Content-Encoding").orElse(null);
                        byte[] payload = resp.payload().orElseThrow().body().stream().readAllBytes();
                        assertThat(resp.payloadDigest().orElseThrow()).as("payload digest of %s", resp.target())
                                .isEqualTo(new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(payload)));
                        responses.add(new Archived(resp.target(), encoding, payload, resp.truncated()));
                    }
                    case WarcMetadata meta -> {
                        facts = new String(meta.body().stream().readAllBytes(), StandardCharsets.UTF_8);
                        urls.add(new UrlRecords(meta.target(), List.copyOf(responses), facts));
                        responses.clear();
                    }
                    default -> throw new AssertionError("unexpected record " + rec.type() + " in " + file);
                }
                rec.body().consume();
                assertThat(rec.calculatedBlockDigest()).as("block digest of %s %s", rec.type(), rec)
                        .isEqualTo(rec.blockDigest()).isPresent();
            }
        }
        assertThat(responses).as("records after the last metadata record").isEmpty();
        return urls;
    }

    /** What the site serves for {@code url}, decoded, fetched outside the crawler. */
    private static byte[] served(String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            return decoded(r.body(), r.headers().firstValue("Content-Encoding").orElse(null));
        }
    }

    private static byte[] decoded(byte[] body, String contentEncoding) throws IOException {
        if (contentEncoding == null || !contentEncoding.equalsIgnoreCase("gzip")) {
            return body;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
