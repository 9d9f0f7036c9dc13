package crawler.page;

/**
 * Why a page did not yield a parsed HTML document. Every failure of the fetch-and-parse unit
 * becomes one of these kinds, so every execution mode counts failures the same way.
 *
 * <p>docs/output.md lists, for each kind, the fixture-site path that produces it.
 */
public enum ErrorKind {
    /** The host name did not resolve. */
    DNS,
    /** The TCP connection was refused or could not be opened. */
    CONNECT,
    /** A connect, read or whole-call timeout, or the per-URL deadline, ran out. */
    TIMEOUT,
    /** The TLS handshake failed. */
    TLS,
    /** More redirects than the configured cap. */
    TOO_MANY_REDIRECTS,
    /** A redirect led back to a URL already in the chain. */
    REDIRECT_LOOP,
    /** A redirect whose Location is not a usable http(s) URL (bad port, bad host, another scheme, ...). */
    BAD_REDIRECT,
    /** A redirect into a path robots.txt disallows: the target was not requested. */
    REDIRECT_DISALLOWED,
    /** A redirect into a URL an {@code --exclude} pattern matches: the target was not requested. */
    REDIRECT_EXCLUDED,
    /**
     * {@code --deny-private}: the host is, or resolved to, a loopback, private, link-local, CGNAT,
     * unique-local, NAT64, 6to4, IPv4-mapped or unspecified address, and is not a seed's host.
     * Refused when the connection would be made, so no request was sent.
     */
    PRIVATE_ADDRESS,
    /** The final response had a 4xx status. */
    HTTP_4XX,
    /** The final response had a 5xx status (after the retries the budget allows). */
    HTTP_5XX,
    /** The decoded body exceeded the byte cap; it was cut, not buffered whole. */
    TOO_LARGE,
    /** A compressed body inflated past the cap at a ratio no honest page has. */
    DECOMPRESSION_BOMB,
    /** The response was not HTML; status, type and size are recorded, nothing is parsed. */
    UNSUPPORTED_CONTENT_TYPE,
    /** The peer closed the connection before sending a response. */
    EMPTY_RESPONSE,
    /** The connection was reset by the peer. */
    CONNECTION_RESET,
    /** The response broke HTTP framing (bad status line, bad chunk, bad headers). */
    MALFORMED_RESPONSE,
    /** The body could not be decoded in its declared or detected charset. */
    CHARSET,
    /** Another I/O failure while fetching. */
    IO,
    /** The worker process running this URL died on it more often than the retry budget allows. */
    WORKER_CRASH,
    /**
     * The crawl made no progress for the stall timeout while this URL was in flight, twice: the
     * watchdog handed it out again once, then gave up on it.
     */
    STALLED,
    /** The process ran out of a resource the operating system limits, e.g. file descriptors (ulimit -n). */
    RESOURCE_LIMIT
}
