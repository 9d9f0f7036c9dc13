package crawler.exec;

/** The execution substrates this project compares. */
public enum Mode {
    /** One virtual thread per URL, in-flight URLs bounded by the concurrency. */
    VIRTUAL,
    /** A fixed pool of platform threads, as many as the concurrency. */
    PLATFORM,
    /** Worker JVMs, each with its own HTTP client and platform threads. */
    PROCESS
}
