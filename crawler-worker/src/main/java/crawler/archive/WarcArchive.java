package crawler.archive;

import crawler.page.PageResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>The records themselves are built by {@link WarcRecords}; this class owns the files.
 *
 * <p>HTTP bodies sent with chunked transfer coding are stored re-chunked as a single chunk, so the
 * headers stay exactly as received and readers still see a valid chunked message; the payload digest
 * covers the de-chunked entity, as the WARC standard defines it.
 */
public final class WarcArchive implements ExchangeRecorder {

    /** Software name and version written to every warcinfo record. */
    public static final String SOFTWARE = "crawlbench/0.1.0";

    private final WarcConfig config;
    private final InstantSource clock;
    /** Builds what is written; see {@link WarcRecords}. */
    private final WarcRecords records;
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
        this.records = new WarcRecords(config);
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
            write(result, records.serialize(result, exchanges));
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
            append(records.warcinfo(path.getFileName().toString(), now));
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
}
