package crawler.archive;

import crawler.page.PageResult;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes WARC 1.1 files with jwarc, one gzip member per record: a {@code warcinfo} record opens each
 * file; each URL becomes, per HTTP exchange, a {@code request} and a {@code response} record linked
 * both ways by {@code WARC-Concurrent-To}, then one {@code metadata} record with the crawl's facts.
 *
 * <p><b>Thread-safety:</b> thread-safe; one instance serves all fetch threads of a process. A URL's
 * records are built and compressed on the calling thread, then appended to the file in one write
 * under a lock, so the records of one URL are always adjacent and the file only ever grows by whole
 * URLs. A process killed mid-write leaves at most one torn tail, which {@link WarcTruncator} cuts.
 *
 * <p>Files are opened lazily (a writer that records nothing leaves no file), never overwritten
 * (created atomically, as {@code CREATE_NEW} does), and rotated before a URL would take the file past
 * {@link WarcConfig#maxFileBytes()}. Writes go straight to the file (no user-space buffer), so
 * {@link #record} returning means the bytes are with the operating system; there is no fsync. A
 * thread interrupted while it records (the watchdog cancelling its attempt) neither fails nor
 * closes the archive for the other threads: nothing on the write path is interruptible.
 *
 * <p>HTTP bodies sent with chunked transfer coding are stored re-chunked as a single chunk, so the
 * headers stay exactly as received and readers still see a valid chunked message; the payload digest
 * covers the de-chunked entity, as the WARC standard defines it.
 */
public final class WarcArchive implements ExchangeRecorder {

    /** Software name and version written to every warcinfo record. */
    public static final String SOFTWARE = "crawlbench/0.1.0";

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final WarcConfig config;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private FileOutputStream file; // guarded by lock
    private long fileSize; // guarded by lock
    private long infoSize; // guarded by lock: bytes of the current file's warcinfo record
    private int serial; // guarded by lock
    private boolean closed; // guarded by lock
    private final List<Path> written = new ArrayList<>(); // guarded by lock

    public WarcArchive(WarcConfig config) {
        this(config, InstantSource.system());
    }

    /** With an injected clock for file names and warcinfo dates (tests). */
    public WarcArchive(WarcConfig config, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public void record(PageResult result, List<HttpExchange> exchanges) {
        if (exchanges.isEmpty()) {
            return;
        }
        // jwarc reads record bodies through interruptible channels: an interrupt already pending (the
        // watchdog cancelled this attempt) would fail building this URL's records or a new file's
        // warcinfo. Set aside and restored, it is for the thread's owner to act on; one landing
        // mid-build fails this URL's records, nothing more.
        boolean interrupted = Thread.interrupted();
        try {
            write(result, serialize(result, exchanges));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build WARC records for " + result.url(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(PageResult result, byte[] bytes) {
        lock.lock();
        try {
            if (closed) {
                throw new UncheckedIOException(new IOException("WARC archive closed; " + result.url()
                        + " not recorded"));
            }
            if (file == null || (fileSize > infoSize && fileSize + bytes.length > config.maxFileBytes())) {
                rotate();
            }
            append(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write WARC records for " + result.url(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The files opened so far, in order. */
    public List<Path> files() {
        lock.lock();
        try {
            return List.copyOf(written);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closeFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close WARC file", e);
        } finally {
            lock.unlock();
        }
    }

    private void rotate() throws IOException {
        closeFile();
        Instant now = clock.instant();
        while (true) {
            Path path = WarcFiles.name(config.prefix(), now, serial++, config.writerId());
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            try {
                Files.createFile(path); // atomic: never overwrite
            } catch (FileAlreadyExistsException e) {
                continue; // a restarted worker in the same millisecond: take the next serial
            }
            // A stream, not a FileChannel: every JDK FileChannel (FileChannel.open, and the channels of
            // RandomAccessFile and FileOutputStream) is interruptible, and an interrupt landing on any
            // thread inside a write closes the channel for every thread. The watchdog interrupts
            // attempts it hands out again; a stream's write ignores interrupts.
            file = new FileOutputStream(path.toFile(), true);
            written.add(path);
            fileSize = 0;
            append(warcinfo(path.getFileName().toString(), now));
            infoSize = fileSize;
            return;
        }
    }

    private void append(byte[] bytes) throws IOException {
        file.write(bytes);
        fileSize += bytes.length;
    }

    private void closeFile() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
    }

    private byte[] warcinfo(String filename, Instant now) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of(SOFTWARE + " (jwarc; " + System.getProperty("java.vm.name") + ")"));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put("conformsTo",
                List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        fields.put("hostname", List.of(hostname()));
        fields.put("jdk", List.of(Runtime.version() + " (" + System.getProperty("java.vendor") + ")"));
        fields.put("mode", List.of(config.mode()));
        fields.put("concurrency", List.of(Integer.toString(config.concurrency())));
        fields.put("writer", List.of(config.writerId()));
        fields.put("pid", List.of(Long.toString(ProcessHandle.current().pid())));
        fields.put("command-line", List.of(config.commandLine().replaceAll("[\\r\\n]+", " ")));
        return gzip(List.of(new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(now).filename(filename)
                .fields(fields).build()));
    }

    private byte[] serialize(PageResult result, List<HttpExchange> exchanges) throws IOException {
        List<WarcRecord> records = new ArrayList<>(exchanges.size() * 2 + 1);
        UUID lastResponse = null;
        Instant lastDate = null;
        for (HttpExchange e : exchanges) {
            UUID requestId = UUID.randomUUID();
            UUID responseId = UUID.randomUUID();
            records.add(new WarcRequest.Builder(e.targetUri()).version(MessageVersion.WARC_1_1)
                    .recordId(requestId).date(e.date())
                    .body(MediaType.HTTP_REQUEST, e.requestHeader())
                    .blockDigest(sha1(e.requestHeader()))
                    .concurrentTo(urn(responseId))
                    .build());
            byte[] block = responseBlock(e);
            WarcResponse.Builder response = new WarcResponse.Builder(e.targetUri()).version(MessageVersion.WARC_1_1)
                    .recordId(responseId).date(e.date())
                    .body(MediaType.HTTP_RESPONSE, block)
                    .blockDigest(sha1(block))
                    .payloadDigest(sha1(e.payload()))
                    .concurrentTo(urn(requestId));
            if (e.truncation() != HttpExchange.Truncation.NONE) {
                response.truncated(e.truncation() == HttpExchange.Truncation.LENGTH
                        ? WarcTruncationReason.LENGTH : WarcTruncationReason.DISCONNECT);
            }
            records.add(response.build());
            lastResponse = responseId;
            lastDate = e.date();
        }
        byte[] facts = PageFacts.of(result, config).getBytes(StandardCharsets.UTF_8);
        records.add(new WarcMetadata.Builder().version(MessageVersion.WARC_1_1).date(lastDate)
                .targetURI(result.url())
                .concurrentTo(urn(lastResponse))
                .body(MediaType.WARC_FIELDS, facts)
                .blockDigest(sha1(facts))
                .build());
        return gzip(records);
    }

    /** The response header block, then the payload; re-chunked as one chunk when it came chunked. */
    private static byte[] responseBlock(HttpExchange e) {
        byte[] payload = e.payload();
        ByteArrayOutputStream out = new ByteArrayOutputStream(e.responseHeader().length + payload.length + 32);
        out.writeBytes(e.responseHeader());
        if (e.chunked()) {
            if (payload.length > 0) {
                out.writeBytes(Integer.toHexString(payload.length).getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(CRLF);
                out.writeBytes(payload);
                out.writeBytes(CRLF);
            }
            out.writeBytes(LAST_CHUNK);
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** The records as consecutive gzip members, compressed on the calling thread. */
    private static byte[] gzip(List<WarcRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WarcWriter writer = new WarcWriter(new MemoryChannel(out), WarcCompression.GZIP);
        for (WarcRecord r : records) {
            writer.write(r);
        }
        return out.toByteArray();
    }

    /**
     * A channel into memory for jwarc's writer. Not {@code Channels.newChannel}: that one is
     * interruptible, so an interrupted attempt would fail to build its records.
     */
    private static final class MemoryChannel implements WritableByteChannel {
        private final ByteArrayOutputStream out;

        MemoryChannel(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                byte[] copy = new byte[n];
                src.get(copy);
                out.writeBytes(copy);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static WarcDigest sha1(byte[] bytes) {
        try {
            return new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static java.net.URI urn(UUID id) {
        return java.net.URI.create("urn:uuid:" + id);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
