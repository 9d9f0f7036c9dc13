package crawler.resume;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongIntCursor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.frontier.Frontier;
import crawler.frontier.JournalLinks;
import crawler.frontier.UrlFingerprint;
import crawler.report.JournalScanner;
import crawler.url.UrlNormalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The results file of an interrupted crawl, read back so the crawl can go on: which pages are
 * done, and (streamed again when the crawl starts) the links of those pages, offered to the
 * frontier so that the work left undone is found.
 *
 * <p>Memory stays proportional to what the frontier needs, not to the file: the file is streamed
 * line by line, twice ({@link #read}, then {@link #restoreInto}); a done page costs a fingerprint
 * (and, in a depth-limited crawl, its depth and the offset of its line, so its links can be read
 * back if it turns up at a shorter distance); links are never held, only offered.
 *
 * <p>Transient failures (see {@link RetryPolicy}) are not done: their URLs are offered again like
 * any other link and fetched once more; a URL whose journal already holds more transient failures
 * than the policy's retries is done, failure and all. The file then holds a line per attempt;
 * the last one for a URL is its result.
 *
 * <p>Not thread-safe; {@link #linksOf} is called on the coordinator thread only.
 */
public final class Journal implements JournalLinks {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final JournalScanner.Tail tail;
    private final boolean depthLimited;
    /** Done pages (depth unlimited): fingerprints only. */
    private LongHashSet done;
    /** Done pages (depth-limited crawl): fingerprint to depth. */
    private LongIntHashMap doneDepth;
    /** Depth-limited crawl: fingerprint of a done page to the offset of its line. */
    private final LongLongHashMap offsets;
    private final Map<String, Long> donePerHost;
    private final long donePages;
    private final long retrying;

    private Journal(Path file, JournalScanner.Tail tail, boolean depthLimited, LongHashSet done, LongIntHashMap doneDepth,
                    LongLongHashMap offsets, Map<String, Long> donePerHost, long donePages, long retrying) {
        this.file = file;
        this.tail = tail;
        this.depthLimited = depthLimited;
        this.done = done;
        this.doneDepth = doneDepth;
        this.offsets = offsets;
        this.donePerHost = donePerHost;
        this.donePages = donePages;
        this.retrying = retrying;
    }

    /**
     * Reads {@code file} in one streamed pass.
     *
     * @param depthLimited true when the crawl has a depth limit (depths and line offsets are then kept)
     * @throws IOException when it cannot be read, or a line before the last is damaged
     */
    public static Journal read(Path file, boolean depthLimited, RetryPolicy retry) throws IOException {
        LongHashSet done = depthLimited ? null : new LongHashSet();
        LongIntHashMap doneDepth = depthLimited ? new LongIntHashMap() : null;
        LongLongHashMap offsets = depthLimited ? new LongLongHashMap() : null;
        Map<String, Long> perHost = new HashMap<>();
        // Transient failures are few: their URLs are kept as text until the end of the pass.
        Map<String, int[]> failures = new HashMap<>(); // url -> {count, depth}
        long[] pages = {0};
        JournalScanner.Tail tail = JournalScanner.scan(file, Long.MAX_VALUE, JournalLine.class, JournalLine::url,
                (offset, line) -> {
                    if (RetryPolicy.isTransient(line.errorKind())) {
                        int[] f = failures.computeIfAbsent(line.url(), u -> new int[] {0, line.depth()});
                        f[0]++;
                        f[1] = Math.min(f[1], line.depth());
                        return;
                    }
                    long fp = UrlFingerprint.of(line.url());
                    if (addDone(fp, line.depth(), offset, done, doneDepth, offsets)) {
                        pages[0]++;
                        countHost(perHost, line.url());
                    }
                });
        long retrying = 0;
        for (Map.Entry<String, int[]> f : failures.entrySet()) {
            long fp = UrlFingerprint.of(f.getKey());
            if (isDone(fp, done, doneDepth)) {
                continue; // tried again and answered for good
            }
            if (retry.fetchAgain(f.getValue()[0])) {
                retrying++;
            } else if (addDone(fp, f.getValue()[1], -1, done, doneDepth, offsets)) {
                pages[0]++;
                countHost(perHost, f.getKey());
            }
        }
        return new Journal(file, tail, depthLimited, done, doneDepth, offsets, perHost, pages[0], retrying);
    }

    private static boolean addDone(long fp, int depth, long offset, LongHashSet done, LongIntHashMap doneDepth,
                                   LongLongHashMap offsets) {
        if (done != null) {
            return done.add(fp);
        }
        int known = doneDepth.getOrDefault(fp, Integer.MAX_VALUE);
        doneDepth.put(fp, Math.min(known, depth));
        if (offset >= 0) {
            offsets.put(fp, offset);
        }
        return known == Integer.MAX_VALUE;
    }

    private static boolean isDone(long fp, LongHashSet done, LongIntHashMap doneDepth) {
        return done != null ? done.contains(fp) : doneDepth.containsKey(fp);
    }

    private static void countHost(Map<String, Long> perHost, String url) {
        String host = UrlNormalizer.hostKeyOrNull(url);
        if (host != null) {
            perHost.merge(host, 1L, Long::sum);
        }
    }

    /** Pages done, each counted once (a URL with several lines counts once). */
    public long donePages() {
        return donePages;
    }

    /** URLs whose journaled transient failure the resumed crawl fetches again. */
    public long retrying() {
        return retrying;
    }

    /** Length of the file's whole lines. */
    public long validBytes() {
        return tail.validBytes();
    }

    /** The text of a torn last line, or null when the file ended on a whole line. */
    public String droppedTail() {
        return tail.droppedTail();
    }

    /**
     * Hands the done pages to {@code frontier}; call before offering the seeds. The frontier
     * takes what it keeps, and this journal keeps only what {@link #linksOf} needs.
     */
    public void markDone(Frontier frontier) {
        frontier.readJournaledLinksFrom(this);
        frontier.countJournaled(donePages, donePerHost);
        if (done != null) {
            frontier.markDone(done);
            done = null;
        } else {
            for (LongIntCursor c : doneDepth) {
                frontier.markDone(c.key, c.value);
            }
            doneDepth = null;
        }
    }

    /**
     * Offers the links of every done page to {@code frontier} (after the seeds), streaming the
     * file again: this is how the work the earlier run left undone is found.
     */
    public void offerLinks(Frontier frontier) throws IOException {
        JournalScanner.scan(file, tail.validBytes(), JournalLine.class, JournalLine::url, (offset, line) -> {
            if (!line.links().isEmpty()) {
                frontier.offerJournaledLinks(UrlFingerprint.of(line.url()), line.depth(), line.links());
            }
        });
    }

    @Override
    public List<String> linksOf(long fingerprint) {
        if (!depthLimited || !offsets.containsKey(fingerprint)) {
            return List.of();
        }
        try {
            return MAPPER.readValue(lineAt(offsets.get(fingerprint)), JournalLine.class).links();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back a journaled page's links from " + file, e);
        }
    }

    private byte[] lineAt(long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            long pos = offset;
            while (ch.read(buf.clear(), pos) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        return line.toByteArray();
                    }
                    line.write(b);
                }
                pos += buf.limit();
            }
            return line.toByteArray();
        }
    }
}
