package crawler.fetch;

import crawler.archive.HttpExchange;
import crawler.fetch.RequestRunner.Step;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.url.HttpUrls;
import crawler.url.UrlNormalizer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;

/**
 * The HTTP layer: fetches one URL with our own redirect, retry and body-cap rules, and returns a
 * {@link FetchOutcome}. No exception escapes {@link #fetch} for a network or HTTP failure.
 *
 * <p><b>Thread-safety:</b> thread-safe; one instance per process, shared by every thread, so all
 * threads share one OkHttp client and connection pool.
 *
 * <p>Rules, each counted in {@link FetchOutcome#attempts()}:
 * <ul>
 *   <li>OkHttp is told not to follow redirects or retry, so every request is ours and counted.</li>
 *   <li>A redirect is followed only to the same {@link UrlNormalizer#hostKey host:port}, at most
 *       {@code maxRedirects} hops; a URL seen earlier in the chain is a REDIRECT_LOOP, one hop too
 *       many is TOO_MANY_REDIRECTS. A redirect to another host is returned as a {@code Fetched}
 *       with its {@code location}: the frontier decides whether that host is in scope.</li>
 *   <li>429, 503 and broken connections (reset, peer closed early, connect refused) are retried up
 *       to {@code maxRetries} times. The wait is the Retry-After header (seconds or HTTP-date) when
 *       present, else {@code backoffBase × 2^retry}. A Retry-After longer than {@code maxRetryAfter}
 *       ends the retries, and so does a wait that would not finish before the per-URL deadline: the
 *       outcome is then the last response's failure (HTTP_4XX / HTTP_5XX / the connection kind).
 *       Whatever the outcome, the longest Retry-After seen (capped at {@code maxRetryAfter}) comes back
 *       as {@link FetchOutcome#retryAfterMs()}, so the frontier pauses the host's other URLs too.</li>
 *   <li>Every request's call timeout is cut to what is left of {@code urlDeadline}, so the whole URL
 *       never takes much longer than the deadline; running out gives TIMEOUT.</li>
 *   <li>We send {@code Accept-Encoding: gzip} ourselves, so OkHttp does not decode, and decode with a
 *       bounded reader: see {@link BoundedBody}. Over the cap: TOO_LARGE, or DECOMPRESSION_BOMB when
 *       the body inflated more than {@value BoundedBody#BOMB_RATIO}:1.</li>
 *   <li>Bodies of types the {@link BodyPolicy} does not read are not read (bytes = 0); error
 *       responses (4xx/5xx) and redirects are not read either, except for the archive (below).</li>
 * </ul>
 *
 * <p>Given an exchange consumer ({@link #fetch(String, BodyPolicy, Consumer)}), the fetcher also hands
 * it every exchange that got a response (each hop, retry and error response) as it went over the
 * wire, for WARC output; the body of every such response is then read up to the cap, for the archive.
 *
 * <p>The fetcher is the loop over one URL's requests (redirects, retries, back-off, the deadline);
 * each request itself, the HTTP client and the reading of a response are its {@link RequestRunner}'s.
 */
public final class Fetcher implements AutoCloseable {

    /** First retry back-off when the server sends no Retry-After; doubles per retry. */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(200);

    private final FetchConfig config;
    /** Sends each request; holds the HTTP client. */
    private final RequestRunner runner;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final Duration backoffBase;

    static {
        loadFailurePath();
    }

    /**
     * Loads the classes of the failure path now. Otherwise they are loaded on the first failure, and
     * when that failure is running out of file descriptors, loading a class (which opens its file)
     * fails as well, and the fetch dies of a NoClassDefFoundError instead of returning RESOURCE_LIMIT.
     */
    private static void loadFailurePath() {
        FetchOutcome.Failed failed = new FetchOutcome.Failed(
                ErrorClassifier.classify(new java.net.SocketException(ErrorClassifier.TOO_MANY_OPEN_FILES)),
                "", "", 0, null, 0, null, 0);
        new Step.Done(withMessage(failed, ""));
        new Step.Retry(Optional.empty(), failed);
    }

    public Fetcher(FetchConfig config) {
        this(config, Sleeper.REAL, System::nanoTime, InstantSource.system(), DEFAULT_BACKOFF_BASE);
    }

    /**
     * For tests: inject the back-off wait and the clocks.
     *
     * @param nanoClock monotonic nanoseconds, for the per-URL deadline
     * @param wallClock for Retry-After HTTP-dates
     */
    Fetcher(FetchConfig config, Sleeper sleeper, LongSupplier nanoClock, InstantSource wallClock,
            Duration backoffBase) {
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(wallClock, "wallClock");
        this.backoffBase = Objects.requireNonNull(backoffBase, "backoffBase");
        this.runner = new RequestRunner(config, wallClock);
    }

    public FetchConfig config() {
        return config;
    }

    /** Fetches {@code url} reading HTML bodies up to the configured cap. */
    public FetchOutcome fetch(String url) {
        return fetch(url, BodyPolicy.html(config.maxBodyBytes()));
    }

    /** Fetches {@code url} under {@code policy}. Never throws for page-level failures. */
    public FetchOutcome fetch(String url, BodyPolicy policy) {
        return fetch(url, policy, null);
    }

    /**
     * Fetches {@code url} under {@code policy}, handing each exchange that got a response to
     * {@code exchanges} (on the calling thread, in order). Never throws for page-level failures.
     *
     * @param exchanges receives what went over the wire, for the archive; null = capture nothing
     */
    public FetchOutcome fetch(String url, BodyPolicy policy, Consumer<HttpExchange> exchanges) {
        return fetch(url, policy, exchanges, RedirectCheck.NONE);
    }

    /**
     * {@link #fetch(String, BodyPolicy, Consumer)}, asking {@code hops} before following each
     * same-host redirect: a refused hop ends the fetch with the refusal's error kind, at the URL that
     * redirected, and its target is not requested.
     */
    public FetchOutcome fetch(String url, BodyPolicy policy, Consumer<HttpExchange> exchanges, RedirectCheck hops) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(hops, "hops");
        HostPause pause = new HostPause(config.maxRetryAfter());
        FetchOutcome outcome = fetch(url, policy, exchanges, hops, pause);
        return pause.millis == 0 ? outcome : outcome.withRetryAfterMs(pause.millis);
    }

    /**
     * The longest Retry-After a 429 or 503 of one fetch carried, capped at {@code maxRetryAfter}: the
     * host's other URLs are to wait it out too, also when this URL's own retry already did.
     * Confined to the fetching thread.
     */
    private static final class HostPause {
        private final long capMillis;
        long millis;

        HostPause(Duration cap) {
            this.capMillis = cap.toMillis();
        }

        void asked(Duration wait) {
            long ms = wait.compareTo(Duration.ofMillis(capMillis)) > 0 ? capMillis : wait.toMillis();
            millis = Math.max(millis, ms);
        }
    }

    private FetchOutcome fetch(String url, BodyPolicy policy, Consumer<HttpExchange> exchanges, RedirectCheck hops,
                               HostPause pause) {
        HttpUrl current = url == null ? null : HttpUrls.parse(url);
        if (current == null) {
            return new FetchOutcome.Failed(ErrorKind.IO, "not an absolute http(s) URL: " + url,
                    String.valueOf(url), 0, null, 0, null, 0);
        }
        long deadline = nanoClock.getAsLong() + config.urlDeadline().toNanos();
        Set<HttpUrl> chain = new HashSet<>();
        chain.add(current);
        int attempts = 0;
        int redirects = 0;
        int retries = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                return new FetchOutcome.Failed(ErrorKind.IO, "cancelled: " + url, current.toString(), 0, null, 0,
                        null, attempts);
            }
            long remaining = deadline - nanoClock.getAsLong();
            if (remaining <= 0) {
                return new FetchOutcome.Failed(ErrorKind.TIMEOUT, deadlineMessage(url), current.toString(), 0, null,
                        0, null, attempts);
            }
            attempts++;
            Step step = runner.exchange(current, policy, attempts, remaining, exchanges);
            switch (step) {
                case Step.Done done -> {
                    return done.outcome();
                }
                case Step.Redirect redirect -> {
                    HttpUrl target = redirect.target();
                    PageError refused = hops.refusal(redirect.normalized());
                    if (refused != null) {
                        return failedAt(refused.kind(), refused.message(), current, redirect.status(), attempts);
                    }
                    if (!chain.add(target)) {
                        return failedAt(ErrorKind.REDIRECT_LOOP, "redirect loop: " + current + " -> " + target
                                + " (already in the chain from " + url + ")", current, redirect.status(), attempts);
                    }
                    if (redirects >= config.maxRedirects()) {
                        return failedAt(ErrorKind.TOO_MANY_REDIRECTS, "more than " + config.maxRedirects()
                                + " redirects from " + url, current, redirect.status(), attempts);
                    }
                    redirects++;
                    current = target;
                }
                case Step.Retry retry -> {
                    retry.retryAfter().ifPresent(pause::asked);
                    FetchOutcome.Failed last = retry.ifGivingUp();
                    if (retries >= config.maxRetries()) {
                        return last;
                    }
                    Duration wait = retry.retryAfter().orElse(backoff(retries));
                    if (retry.retryAfter().isPresent() && wait.compareTo(config.maxRetryAfter()) > 0) {
                        return withMessage(last, last.message() + "; Retry-After " + wait.toSeconds()
                                + " s is over the " + config.maxRetryAfter().toSeconds() + " s limit");
                    }
                    if (nanoClock.getAsLong() + wait.toNanos() >= deadline) {
                        return withMessage(last, last.message() + "; a " + wait.toMillis()
                                + " ms back-off would pass the per-URL deadline");
                    }
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return withMessage(last, last.message() + "; interrupted while backing off");
                    }
                    retries++;
                }
            }
        }
    }

    /**
     * Cancels the HTTP call {@code thread} is executing, if any: the blocked read or connect ends
     * with an IOException at once. The caller also interrupts the thread, so that no redirect hop
     * or retry follows.
     */
    public void cancel(Thread thread) {
        runner.cancel(thread);
    }

    /** Closes idle connections and stops OkHttp's background threads. */
    @Override
    public void close() {
        runner.close();
    }

    private static FetchOutcome.Failed failedAt(ErrorKind kind, String message, HttpUrl at, int status,
                                                int attempts) {
        return new FetchOutcome.Failed(kind, message, at.toString(), status, null, 0, null, attempts);
    }

    private static FetchOutcome.Failed withMessage(FetchOutcome.Failed f, String message) {
        return new FetchOutcome.Failed(f.kind(), message, f.finalUrl(), f.status(), f.mediaType(), f.bytes(),
                f.bodySha256(), f.attempts());
    }

    private Duration backoff(int retry) {
        return backoffBase.multipliedBy(1L << Math.min(retry, 20));
    }

    private String deadlineMessage(String url) {
        return "per-URL deadline of " + config.urlDeadline() + " passed for " + url;
    }
}
