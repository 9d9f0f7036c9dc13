package crawler.exec;

/** The execution substrates this project compares. */
public enum Mode {
    /** One virtual thread per URL, in-flight URLs bounded by the concurrency. */
    VIRTUAL,
    /** A fixed pool of platform threads, as many as the concurrency. */
    PLATFORM,
    /** Worker JVMs, each with its own HTTP client and platform threads. */
    PROCESS,
    /**
     * Hazelcast members (one embedded in this JVM by default, or on other machines), each host's
     * batches on the member owning its key, fetched there on virtual threads.
     */
    CLUSTER
}
