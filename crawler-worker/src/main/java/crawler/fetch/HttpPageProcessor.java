package crawler.fetch;

import crawler.archive.ExchangeRecorder;
import crawler.archive.HttpExchange;
import crawler.archive.WarcArchive;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.parse.CpuWork;
import crawler.parse.PageParser;
import crawler.parse.ParsedPage;
import crawler.url.UrlNormalizer;
import java.nio.charset.IllegalCharsetNameException;
import java.io.UncheckedIOException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fetch-and-parse unit every execution mode runs: {@link Fetcher}, then {@link PageParser} for
 * HTML, then the optional {@link CpuWork}.
 *
 * <p><b>Thread-safety:</b> thread-safe; one per process, shared by all threads (one HTTP client and
 * connection pool).
 *
 * <p>{@link #process} never throws for a page: fetch failures come back from the fetcher as values,
 * and anything the parser throws (even a {@link RuntimeException} or a {@link StackOverflowError})
 * becomes a CHARSET or IO error naming the URL. Each result is stamped with this process's pid and the
 * calling thread's id, name and virtual-ness; {@code workerId} is left null for the process executor
 * to fill in.
 *
 * <p>A redirect to another host is not followed; it is a success (error null) whose only link is the
 * normalised redirect target. A response without a Content-Type is parsed as HTML.
 *
 * <p>With {@link FetchConfig#warc()} set, the processor owns a {@link WarcArchive} and records every
 * URL's exchanges and result in it before returning the result; a URL that cannot be archived is an
 * IO error naming the URL. Without it, nothing is captured.
 *
 * <p>A result carries the pause the host asked for by a 429 or 503 with a Retry-After
 * ({@link PageResult#retryAfterMs()}), for the frontier to hold the host's other URLs.
 */
public final class HttpPageProcessor implements PageProcessor {

    private static final long PID = ProcessHandle.current().pid();
    /**
     * Loaded with this class, not on the first failure: a failure for want of file descriptors
     * could not load it (see {@link Fetcher}).
     */
    private static final PageError LOADED_EARLY = new PageError(ErrorKind.RESOURCE_LIMIT, "");

    private final FetchConfig config;
    private final Fetcher fetcher;
    private final UrlNormalizer normalizer;
    private final PageParser parser;
    private final BodyPolicy policy;
    private final ExchangeRecorder recorder;
    /** robots.txt and --exclude on each same-host redirect hop; see {@link RedirectGuard}. */
    private final RedirectCheck hops;

    public HttpPageProcessor(FetchConfig config) {
        this(new Fetcher(config), new UrlNormalizer(),
                config.warc() == null ? ExchangeRecorder.NONE : new WarcArchive(config.warc()));
    }

    /** Runs over a given fetcher (tests inject one with a fake back-off); takes ownership of it. */
    HttpPageProcessor(Fetcher fetcher, UrlNormalizer normalizer) {
        this(fetcher, normalizer, ExchangeRecorder.NONE);
    }

    /** Runs over a given fetcher and recorder; takes ownership of both. */
    HttpPageProcessor(Fetcher fetcher, UrlNormalizer normalizer, ExchangeRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.config = fetcher.config();
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.parser = new PageParser(normalizer, config.followNofollow());
        this.policy = BodyPolicy.html(config.maxBodyBytes());
        this.hops = RedirectGuard.of(config.rules(), new RobotsCache(fetcher, config.userAgent()));
    }

    @Override
    public PageResult process(PageTask task) {
        Objects.requireNonNull(task, "task");
        long t0 = System.nanoTime();
        FetchOutcome outcome;
        List<HttpExchange> exchanges = recorder.active() ? new ArrayList<>() : null;
        try {
            outcome = fetcher.fetch(task.url(), policy, exchanges == null ? null : exchanges::add, hops);
        } catch (RuntimeException e) { // a bug or an OkHttp surprise: still one result for this URL
            ErrorKind kind = ErrorClassifier.isOutOfFileDescriptors(e) ? ErrorKind.RESOURCE_LIMIT : ErrorKind.IO;
            outcome = new FetchOutcome.Failed(kind, describe(e) + " fetching " + task.url(), task.url(),
                    0, null, 0, null, 1);
        }
        long fetchMs = millisSince(t0);
        PageResult result = switch (outcome) {
            case FetchOutcome.Failed f -> result(task, f, null, List.of(), fetchMs, 0,
                    new PageError(f.kind(), f.message()));
            case FetchOutcome.Fetched f when f.isRedirect() -> result(task, f, null,
                    normalizer.normalize(f.location()).map(List::of).orElse(List.of()), fetchMs, 0, null);
            case FetchOutcome.Fetched f when f.body() == null -> result(task, f, null, List.of(), fetchMs, 0, null);
            case FetchOutcome.Fetched f -> parsed(task, f, fetchMs);
        };
        if (outcome.retryAfterMs() > 0) {
            result = result.withRetryAfterMs(outcome.retryAfterMs());
        }
        // An interrupted attempt was cancelled (the watchdog hands its URL out again) and its result
        // is discarded: archived too, it would be a second capture of the URL beside the new attempt's.
        return exchanges == null || Thread.currentThread().isInterrupted() ? result : archived(result, exchanges);
    }

    /** Records the URL; an archive that cannot be written turns the result into an IO error. */
    private PageResult archived(PageResult result, List<HttpExchange> exchanges) {
        try {
            recorder.record(result, exchanges);
            return result;
        } catch (UncheckedIOException | IllegalStateException e) {
            return new PageResult(result.url(), result.finalUrl(), result.depth(), result.status(),
                    result.contentType(), result.bytes(), result.title(), result.links(), result.bodySha256(),
                    result.fetchMs(), result.parseMs(), result.attempts(),
                    new PageError(ErrorKind.IO, "WARC archive: " + describe(e)), result.pid(), result.threadId(),
                    result.threadName(), result.virtual(), result.workerId())
                    .withRetryAfterMs(result.retryAfterMs());
        }
    }

    private PageResult parsed(PageTask task, FetchOutcome.Fetched f, long fetchMs) {
        long t1 = System.nanoTime();
        try {
            ParsedPage page = parser.parse(f.body(), f.charset(), f.finalUrl());
            CpuWork.run(f.body(), config.cpuWorkRounds());
            PageResult r = result(task, f, page.title(), page.links(), fetchMs, millisSince(t1), null);
            return page.invalidLinks().isEmpty() ? r : new PageResult(r.url(), r.finalUrl(), r.depth(), r.status(),
                    r.contentType(), r.bytes(), r.title(), r.links(), r.bodySha256(), r.fetchMs(), r.parseMs(),
                    r.attempts(), null, r.pid(), r.threadId(), r.threadName(), r.virtual(), null, page.invalidLinks());
        } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
            return result(task, f, null, List.of(), fetchMs, millisSince(t1),
                    new PageError(ErrorKind.CHARSET, "charset " + f.charset() + " cannot be decoded, at "
                            + f.finalUrl()));
        } catch (RuntimeException | StackOverflowError e) {
            return result(task, f, null, List.of(), fetchMs, millisSince(t1),
                    new PageError(ErrorKind.IO, describe(e) + " parsing " + f.finalUrl()));
        }
    }

    private static PageResult result(PageTask task, FetchOutcome f, String title, List<String> links, long fetchMs,
                                     long parseMs, PageError error) {
        Thread t = Thread.currentThread();
        return new PageResult(task.url(), f.finalUrl(), task.depth(), f.status(), f.mediaType(), f.bytes(), title,
                links, f.bodySha256(), fetchMs, parseMs, f.attempts(), error, PID, t.threadId(), t.getName(),
                t.isVirtual(), null);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void cancel(Thread thread) {
        fetcher.cancel(thread);
    }

    @Override
    public void close() {
        try {
            fetcher.close();
        } finally {
            recorder.close();
        }
    }
}
