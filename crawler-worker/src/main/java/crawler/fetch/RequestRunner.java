package crawler.fetch;

import crawler.archive.HttpExchange;
import crawler.page.ErrorKind;
import crawler.url.HttpUrls;
import crawler.url.UrlNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * One HTTP request of a {@link Fetcher}'s fetch and its response: sent through the process's one
 * OkHttp client (plain HTTP, and a TLS-capable one built on the first https URL), the body read
 * under the {@link BodyPolicy}, and the answer turned into the {@link Step} the fetch loop takes
 * next: done, a same-host redirect to follow, or a retry. The loop (redirects, retries, deadline)
 * is the fetcher's; this class knows nothing of it.
 *
 * <p><b>Thread-safety:</b> thread-safe; owned by the fetcher, shared by every thread.
 */
final class RequestRunner implements AutoCloseable {

    private final FetchConfig config;
    /** Plain-HTTP only: building a TLS-capable client loads and parses the JDK's CA certificates. */
    private final OkHttpClient client;
    /** Built on the first https URL; shares the plain client's connection pool and dispatcher. */
    private volatile OkHttpClient tlsClient;
    private final MediaTypes mediaTypes = new MediaTypes();
    /** Redirect targets are rare: no memo. */
    private final UrlNormalizer normalizer = new UrlNormalizer(0);
    private final InstantSource wallClock;
    /** The call each thread is executing now, so that {@link #cancel} can reach a blocked one. */
    private final Map<Thread, Call> running = new ConcurrentHashMap<>();

    /** @param wallClock for Retry-After HTTP-dates and the archive's request times */
    RequestRunner(FetchConfig config, InstantSource wallClock) {
        this.config = config;
        this.wallClock = wallClock;
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

    /**
     * Cancels the HTTP call {@code thread} is executing, if any: the blocked read or connect ends
     * with an IOException at once. The caller also interrupts the thread, so that no redirect hop
     * or retry follows.
     */
    void cancel(Thread thread) {
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

    /** What the fetch loop does after one HTTP request. */
    sealed interface Step {
        record Done(FetchOutcome outcome) implements Step {
        }

        /** @param normalized the target in canonical form, for the hop check */
        record Redirect(HttpUrl target, String normalized, int status) implements Step {
        }

        record Retry(Optional<Duration> retryAfter, FetchOutcome.Failed ifGivingUp) implements Step {
        }
    }

    /** One HTTP request and its response, closed before returning. */
    Step exchange(HttpUrl url, BodyPolicy policy, int attempts, long remainingNanos,
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

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
