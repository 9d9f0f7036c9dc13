package crawler.fetch;

import crawler.page.ErrorKind;
import crawler.url.HttpUrls;
import crawler.url.UrlNormalizer;
import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;

/**
 * robots.txt per host, fetched at most once per host per process.
 *
 * <p><b>Thread-safety:</b> thread-safe. The first caller for a host fetches robots.txt on its own
 * thread; concurrent callers for the same host wait for that one fetch instead of starting their own.
 * Entries are never evicted (a crawl touches few hosts).
 *
 * <p>Failures are values, following crawler-commons' {@link SimpleRobotRulesParser#failedFetch(int)}:
 * <ul>
 *   <li>2xx: the body is parsed for this user agent (crawl-delay in milliseconds; a crawl-delay over
 *       crawler-commons' 300 s maximum makes it disallow everything).</li>
 *   <li>4xx (429 included): no usable robots.txt, everything is allowed.</li>
 *   <li>5xx, a redirect loop or too many redirects, or a network failure (DNS, connect, reset,
 *       timeout...): everything is disallowed and {@link RobotsPolicy#deferVisits()} is true; for the
 *       network case {@code failedFetch(500)} is used, as RFC 9309 §2.3.1.4 asks ("unreachable":
 *       assume complete disallow).</li>
 *   <li>A robots.txt larger than {@value #MAX_ROBOTS_BYTES} bytes is parsed from its first
 *       {@value #MAX_ROBOTS_BYTES} bytes, as RFC 9309 §2.5 asks; so is one whose gzip body trips the
 *       decompression guard. Neither is read as "allow all".</li>
 *   <li>A robots.txt of an unexpected encoding: allowed (treated like a 4xx).</li>
 *   <li>A redirect to another host is followed up to {@value #MAX_CROSS_HOST_HOPS} times (same-host
 *       redirects are followed by the {@link Fetcher}).</li>
 * </ul>
 */
public final class RobotsCache {

    /** robots.txt bytes parsed: RFC 9309 asks for at least 500 KiB, and Google reads that much. */
    public static final long MAX_ROBOTS_BYTES = 500 * 1024;
    static final int MAX_CROSS_HOST_HOPS = 2;

    private final Fetcher fetcher;
    private final List<String> agentNames;
    private final ConcurrentMap<String, CompletableFuture<RobotsPolicy>> byHost = new ConcurrentHashMap<>();

    /**
     * @param userAgent the full User-Agent; its product token (before the first {@code /} or space,
     *                  lower-case) is matched against robots.txt groups
     */
    public RobotsCache(Fetcher fetcher, String userAgent) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.agentNames = List.of(productToken(Objects.requireNonNull(userAgent, "userAgent")));
    }

    /**
     * The policy for {@code url}'s host as a future that never fails: complete already when this
     * process has read that robots.txt, else completed by a fetch that {@code fetches} runs (one per
     * host, however many callers ask). For a caller that must not wait: the crawl's coordinator.
     */
    public CompletableFuture<RobotsPolicy> policyAsync(String url, Executor fetches) {
        String key = UrlNormalizer.hostKey(url);
        CompletableFuture<RobotsPolicy> existing = byHost.get(key);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<RobotsPolicy> mine = new CompletableFuture<>();
        existing = byHost.putIfAbsent(key, mine);
        if (existing != null) {
            return existing;
        }
        String robotsUrl = robotsUrl(url);
        try {
            fetches.execute(() -> complete(mine, robotsUrl));
        } catch (RuntimeException e) { // rejected: the crawl is ending; never leave the future open
            mine.complete(RobotsPolicy.allowAll(robotsUrl));
        }
        return mine;
    }

    private void complete(CompletableFuture<RobotsPolicy> future, String robotsUrl) {
        try {
            future.complete(load(robotsUrl));
        } catch (RuntimeException e) {
            // Never leave waiters hanging; a bug here must not block a host for ever.
            future.complete(RobotsPolicy.allowAll(robotsUrl));
        }
    }

    /** The policy for {@code url}'s host, fetching robots.txt on this thread if this process has not yet. */
    public RobotsPolicy policyFor(String url) {
        String key = UrlNormalizer.hostKey(url);
        CompletableFuture<RobotsPolicy> mine = new CompletableFuture<>();
        CompletableFuture<RobotsPolicy> existing = byHost.putIfAbsent(key, mine);
        if (existing != null) {
            return existing.join();
        }
        complete(mine, robotsUrl(url));
        return mine.join();
    }

    private RobotsPolicy load(String robotsUrl) {
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser(); // not documented thread-safe: one per load
        String target = robotsUrl;
        FetchOutcome out = fetcher.fetch(target, BodyPolicy.prefixOf(MAX_ROBOTS_BYTES));
        for (int hop = 0; hop < MAX_CROSS_HOST_HOPS && out instanceof FetchOutcome.Fetched f && f.isRedirect(); hop++) {
            target = f.location();
            out = fetcher.fetch(target, BodyPolicy.prefixOf(MAX_ROBOTS_BYTES));
        }
        return switch (out) {
            case FetchOutcome.Fetched f when f.isRedirect() ->
                    policy(parser.failedFetch(f.status()), robotsUrl, f.status(), null);
            case FetchOutcome.Fetched f -> policy(parser.parseContent(f.finalUrl(),
                    f.body() == null ? new byte[0] : f.body(),
                    f.mediaType() == null ? "text/plain" : f.mediaType(), agentNames), robotsUrl, f.status(), null);
            case FetchOutcome.Failed f -> switch (f.kind()) {
                case HTTP_4XX, HTTP_5XX, TOO_MANY_REDIRECTS, REDIRECT_LOOP ->
                        policy(parser.failedFetch(f.status()), robotsUrl, f.status(), f.kind());
                case UNSUPPORTED_CONTENT_TYPE, CHARSET, IO ->
                        policy(parser.failedFetch(404), robotsUrl, f.status(), f.kind());
                default -> policy(parser.failedFetch(500), robotsUrl, f.status(), f.kind());
            };
        };
    }

    private static RobotsPolicy policy(BaseRobotRules rules, String robotsUrl, int status,
                                       ErrorKind error) {
        return new RobotsPolicy(rules, robotsUrl, status, error);
    }

    static String robotsUrl(String url) {
        HttpUrl u = HttpUrls.parse(url);
        if (u == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        return u.newBuilder().encodedPath("/robots.txt").query(null).fragment(null).username("").password("")
                .build().toString();
    }

    static String productToken(String userAgent) {
        String token = userAgent.strip().split("[/\\s]", 2)[0];
        return token.toLowerCase(Locale.ROOT);
    }
}
