package crawler.fetch;

import crawler.archive.HttpExchange;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import crawler.url.HttpUrls;
import crawler.url.UrlNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

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
 */
public final class Fetcher implements AutoCloseable {

    /** First retry back-off when the server sends no Retry-After; doubles per retry. */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(200);

    private final FetchConfig config;
    /** Plain-HTTP only: building a TLS-capable client loads and parses the JDK's CA certificates. */
    private final OkHttpClient client;
    /** Built on the first https URL; shares the plain client's connection pool and dispatcher. */
    private volatile OkHttpClient tlsClient;
    private final MediaTypes mediaTypes = new MediaTypes();
    /** Redirect targets are rare: no memo. */
    private final UrlNormalizer normalizer = new UrlNormalizer(0);
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final InstantSource wallClock;
    private final Duration backoffBase;
    /** The call each thread is executing now, so that {@link #cancel} can reach a blocked one. */
    private final Map<Thread, Call> running = new ConcurrentHashMap<>();

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
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.backoffBase = Objects.requireNonNull(backoffBase, "backoffBase");
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (config.rules().denyPrivate()) {
            // Installed in the one client every request of this process goes through: pages, each
            // redirect hop, robots.txt and sitemaps alike.
            PrivateAddressGuard guard = new PrivateAddressGuard(config.rules().allowedHosts(), Dns.SYSTEM);
            builder.dns(guard.dns()).addInterceptor(guard.interceptor());
        }
        this.client = builder
                .connectionPool(new ConnectionPool(config.maxIdleConnections(), 5, TimeUnit.MINUTES))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .protocols(List.of(Protocol.HTTP_1_1)) // h2 would multiplex one socket: not what we measure
                // No TLS until an https URL comes: a TLS-capable client reads the JDK's trust store
                // when it is built, about 0.15 s of CPU per client, per JVM, for a crawl of http
                // sites that never uses it.
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
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
            Step step = exchange(current, policy, attempts, remaining, exchanges);
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
        Call call = running.get(thread);
        if (call != null) {
            call.cancel();
        }
    }

    /** Closes idle connections and stops OkHttp's background threads. */
    @Override
    public void close() {
        // Cancels calls still running (blocking ones included), so closing also ends stuck fetches.
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private OkHttpClient clientFor(HttpUrl url) {
        if (!url.isHttps()) {
            return client;
        }
        OkHttpClient tls = tlsClient;
        if (tls == null) {
            synchronized (this) {
                tls = tlsClient;
                if (tls == null) {
                    tls = client.newBuilder()
                            .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                            .build();
                    tlsClient = tls;
                }
            }
        }
        return tls;
    }

    /** What to do after one HTTP request. */
    private sealed interface Step {
        record Done(FetchOutcome outcome) implements Step {
        }

        /** @param normalized the target in canonical form, for the hop check */
        record Redirect(HttpUrl target, String normalized, int status) implements Step {
        }

        record Retry(Optional<Duration> retryAfter, FetchOutcome.Failed ifGivingUp) implements Step {
        }
    }

    /** One HTTP request and its response, closed before returning. */
    private Step exchange(HttpUrl url, BodyPolicy policy, int attempts, long remainingNanos,
                          Consumer<HttpExchange> exchanges) {
        Request request = new Request.Builder()
                .url(url)
                .header("User-Agent", config.userAgent())
                .header("Accept-Encoding", "gzip") // set by us, so OkHttp leaves the body encoded
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
                .build();
        Call call = clientFor(url).newCall(request);
        long callNanos = Math.min(config.callTimeout().toNanos(), remainingNanos);
        call.timeout().timeout(callNanos, TimeUnit.NANOSECONDS);
        int status = 0;
        String mediaType = null;
        java.time.Instant sentAt = wallClock.instant();
        Thread me = Thread.currentThread();
        running.put(me, call);
        if (me.isInterrupted()) {
            call.cancel(); // a cancel that came before the call was registered
        }
        // The capture is closed first, while the response is still open: it drains the body for the archive.
        try (Response response = call.execute();
             WireCapture capture = WireCapture.open(response, sentAt, policy.maxBytes(), exchanges)) {
            status = response.code();
            MediaType type = mediaTypes.parse(response.header("Content-Type", ""));
            mediaType = type == null ? null : (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
            String charset = type == null ? null : type.parameter("charset");
            String where = url.toString();

            if (response.isRedirect() && response.header("Location") != null) {
                // Validated like every link a page holds: a target the normaliser refuses (a port of
                // 0, a bad host, another scheme) is no URL the crawl can request, so the page's
                // result says so instead of carrying it on.
                String location = response.header("Location");
                HttpUrl target = HttpUrls.resolve(url, location);
                String normalized = target == null ? null : normalizer.normalize(target.toString()).orElse(null);
                if (normalized == null) {
                    return new Step.Done(new FetchOutcome.Failed(ErrorKind.BAD_REDIRECT, "HTTP " + status
                            + " to a Location that is no usable http(s) URL: " + abbreviate(location) + ", at " + where,
                            where, status, mediaType, 0, null, attempts));
                }
                if (UrlNormalizer.hostKey(normalized).equals(UrlNormalizer.hostKey(where))) {
                    return new Step.Redirect(target, normalized, status);
                }
                return new Step.Done(new FetchOutcome.Fetched(where, status, mediaType, charset, null, 0, null,
                        target.toString(), attempts));
            }
            // A redirect without a Location is just a final response; fall through.
            if (status == 429 || status == 503) {
                return new Step.Retry(RetryAfter.parse(response.header("Retry-After"), wallClock.instant()),
                        httpError(where, status, mediaType, attempts));
            }
            if (status >= 400) {
                return new Step.Done(httpError(where, status, mediaType, attempts));
            }
            if (response.isRedirect() || !policy.reads(mediaType)) {
                ErrorKind kind = response.isRedirect() ? null : ErrorKind.UNSUPPORTED_CONTENT_TYPE;
                return new Step.Done(kind == null
                        ? new FetchOutcome.Fetched(where, status, mediaType, charset, null, 0, null, null, attempts)
                        : new FetchOutcome.Failed(kind, "content type " + mediaType + " is not read, at " + where,
                                where, status, mediaType, 0, null, attempts));
            }
            return new Step.Done(readBody(response, capture.body(), policy, where, status, mediaType, charset,
                    attempts));
        } catch (IOException e) {
            ErrorKind kind = ErrorClassifier.classify(e);
            String message = e.getClass().getSimpleName() + ": " + e.getMessage() + " (fetching " + url + ")";
            if (kind == ErrorKind.TIMEOUT && callNanos < config.callTimeout().toNanos()) {
                message += "; the per-URL deadline of " + config.urlDeadline() + " was running out";
            }
            FetchOutcome.Failed failed = new FetchOutcome.Failed(kind, message, url.toString(), status, mediaType,
                    0, null, attempts);
            return ErrorClassifier.isRetryable(kind) && status == 0
                    ? new Step.Retry(Optional.empty(), failed)
                    : new Step.Done(failed);
        } finally {
            running.remove(me, call);
        }
    }

    private static FetchOutcome readBody(Response response, InputStream body, BodyPolicy policy, String where,
                                         int status, String mediaType, String charset, int attempts)
            throws IOException {
        String encoding = response.header("Content-Encoding", "identity").strip().toLowerCase(Locale.ROOT);
        boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
        if (!gzip && !encoding.equals("identity") && !encoding.isEmpty()) {
            return new FetchOutcome.Failed(ErrorKind.IO, "content encoding " + encoding
                    + " was not asked for, at " + where, where, status, mediaType, 0, null, attempts);
        }
        BoundedBody.Read read;
        try (InputStream in = body) {
            read = BoundedBody.read(in, gzip, policy.maxBytes(), response.body().contentLength());
        }
        String sha = sha256Hex(read.bytes());
        if (policy.keepsPrefix() && read.overCap()) {
            return new FetchOutcome.Fetched(where, status, mediaType, charset, read.bytes(), read.bytes().length, sha,
                    null, attempts);
        }
        if (read.looksLikeBomb()) {
            return new FetchOutcome.Failed(ErrorKind.DECOMPRESSION_BOMB, "gzip body inflated past "
                    + policy.maxBytes() + " bytes from about " + read.compressedBytes() + " compressed bytes, at "
                    + where, where, status, mediaType, read.bytes().length, sha, attempts);
        }
        if (read.overCap()) {
            return new FetchOutcome.Failed(ErrorKind.TOO_LARGE, "body over the " + policy.maxBytes()
                    + "-byte cap, at " + where, where, status, mediaType, read.bytes().length, sha, attempts);
        }
        return new FetchOutcome.Fetched(where, status, mediaType, charset, read.bytes(), read.bytes().length, sha,
                null, attempts);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static FetchOutcome.Failed httpError(String where, int status, String mediaType, int attempts) {
        ErrorKind kind = status >= 500 ? ErrorKind.HTTP_5XX : ErrorKind.HTTP_4XX;
        return new FetchOutcome.Failed(kind, "HTTP " + status + " at " + where, where, status, mediaType, 0, null,
                attempts);
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

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
