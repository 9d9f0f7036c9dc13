package crawler.page;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What fetching and parsing one URL produced. One of these is written, as one JSON line, for
 * every URL the frontier handed out: successes and failures alike.
 *
 * @param url         the URL as the frontier handed it out
 * @param finalUrl    the URL after same-host redirects were followed
 * @param depth       link distance from the seeds
 * @param status      HTTP status of the final response, 0 when there was none
 * @param contentType media type of the final response, null when there was none
 * @param bytes       decoded body bytes read (at most the cap)
 * @param title       the document title, null when not parsed
 * @param links       absolute, normalised http(s) links found on the page (deduplicated, in page
 *                    order); a redirect that was not followed contributes its target here
 * @param bodySha256  hex SHA-256 of the body bytes read, null when no body was read
 * @param fetchMs     wall time of the fetch, retries and redirects included
 * @param parseMs     wall time of parsing and link extraction
 * @param attempts    HTTP requests made for this URL (redirect hops and retries included)
 * @param error       null on success
 * @param pid         process that fetched the page
 * @param threadId    thread that fetched the page
 * @param threadName  that thread's name
 * @param virtual     whether that thread was a virtual thread
 * @param workerId    the worker process's number in process mode, null in thread modes
 * @param invalidLinks links the page held that are no URL the crawl can request, dropped and counted
 *                    by {@link crawler.url.InvalidUrl#key() reason}; empty (and not written) when none
 * @param retryAfterMs how long the host asked, by a 429 or 503 with a Retry-After, not to be sent
 *                    requests (capped at the fetch's {@code maxRetryAfter}), also when a retry of this
 *                    URL already waited it out: the frontier pauses the host's other URLs by it.
 *                    0 (and not written) when none; a line without it reads as 0
 */
public record PageResult(
        String url,
        String finalUrl,
        int depth,
        int status,
        String contentType,
        long bytes,
        String title,
        List<String> links,
        String bodySha256,
        long fetchMs,
        long parseMs,
        int attempts,
        PageError error,
        long pid,
        long threadId,
        String threadName,
        boolean virtual,
        Integer workerId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> invalidLinks,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long retryAfterMs) {

    public PageResult {
        links = links == null ? List.of() : List.copyOf(links);
        invalidLinks = invalidLinks == null || invalidLinks.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(invalidLinks)); // sorted: one JSON spelling
        if (retryAfterMs < 0) {
            throw new IllegalArgumentException("retryAfterMs must be >= 0, was " + retryAfterMs + " for " + url);
        }
    }

    /** A result the host asked no pause for. */
    public PageResult(String url, String finalUrl, int depth, int status, String contentType, long bytes, String title,
                      List<String> links, String bodySha256, long fetchMs, long parseMs, int attempts, PageError error,
                      long pid, long threadId, String threadName, boolean virtual, Integer workerId,
                      Map<String, Integer> invalidLinks) {
        this(url, finalUrl, depth, status, contentType, bytes, title, links, bodySha256, fetchMs, parseMs, attempts,
                error, pid, threadId, threadName, virtual, workerId, invalidLinks, 0);
    }

    /** A result without invalid links. */
    public PageResult(String url, String finalUrl, int depth, int status, String contentType, long bytes, String title,
                      List<String> links, String bodySha256, long fetchMs, long parseMs, int attempts, PageError error,
                      long pid, long threadId, String threadName, boolean virtual, Integer workerId) {
        this(url, finalUrl, depth, status, contentType, bytes, title, links, bodySha256, fetchMs, parseMs, attempts,
                error, pid, threadId, threadName, virtual, workerId, Map.of(), 0);
    }

    public boolean ok() {
        return error == null;
    }

    /**
     * The result of a URL that got no response: {@code error} says why. Nobody is named as having
     * run it (pid and thread 0); {@link #ranBy} and {@link #ranByThisThread} add who did.
     */
    public static PageResult failed(PageTask task, PageError error) {
        return new PageResult(task.url(), task.url(), task.depth(), 0, null, 0, null, List.of(), null, 0, 0, 0,
                error, 0, 0, null, false, null);
    }

    /** The same result, fetched by {@code threadName} ({@code threadId}) of process {@code pid}. */
    public PageResult ranBy(long runnerPid, long runnerThreadId, String runnerThreadName, boolean onVirtualThread) {
        return new PageResult(url, finalUrl, depth, status, contentType, bytes, title, links, bodySha256,
                fetchMs, parseMs, attempts, error, runnerPid, runnerThreadId, runnerThreadName, onVirtualThread,
                workerId, invalidLinks, retryAfterMs);
    }

    /** The same result, fetched by the calling thread of this process. */
    public PageResult ranByThisThread() {
        Thread me = Thread.currentThread();
        return ranBy(ProcessHandle.current().pid(), me.threadId(), me.getName(), me.isVirtual());
    }

    /** The same result with another fetch time (how long it was waited for, when it never came). */
    public PageResult withFetchMs(long ms) {
        return new PageResult(url, finalUrl, depth, status, contentType, bytes, title, links, bodySha256,
                ms, parseMs, attempts, error, pid, threadId, threadName, virtual, workerId, invalidLinks, retryAfterMs);
    }

    /** The same result with other links and depth (the frontier's view of both when it was recorded). */
    public PageResult withLinksAndDepth(List<String> newLinks, int newDepth) {
        return new PageResult(url, finalUrl, newDepth, status, contentType, bytes, title, newLinks, bodySha256,
                fetchMs, parseMs, attempts, error, pid, threadId, threadName, virtual, workerId, invalidLinks,
                retryAfterMs);
    }

    /** The same result stamped with the worker process that produced it. */
    public PageResult withWorkerId(Integer id) {
        return new PageResult(url, finalUrl, depth, status, contentType, bytes, title, links, bodySha256,
                fetchMs, parseMs, attempts, error, pid, threadId, threadName, virtual, id, invalidLinks, retryAfterMs);
    }

    /** The same result, saying the host asked for a pause of {@code ms} (see {@link #retryAfterMs}). */
    public PageResult withRetryAfterMs(long ms) {
        return new PageResult(url, finalUrl, depth, status, contentType, bytes, title, links, bodySha256,
                fetchMs, parseMs, attempts, error, pid, threadId, threadName, virtual, workerId, invalidLinks, ms);
    }
}
