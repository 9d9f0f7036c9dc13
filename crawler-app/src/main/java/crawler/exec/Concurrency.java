package crawler.exec;

/**
 * How a crawl's concurrency is laid out over the threads and processes of its mode. Derived in one
 * place, {@link #of}: a crawl reads it through {@code CrawlSettings.concurrency()}, the bench's plan
 * through its substrates, so every pool, connection pool and report agrees on it.
 *
 * @param inFlight      URLs in flight at once over the whole crawl: the coordinator's limit, and the
 *                      figure the WARC files' warcinfo records
 * @param workers       worker processes: {@code --workers} in process mode, 0 in the other modes,
 *                      which have none (as the summary reports them)
 * @param threadsPerJvm fetch threads in each JVM that fetches, and the size of its connection pool:
 *                      the crawler's own in the thread modes (in virtual mode one virtual thread per
 *                      URL, as many as are in flight); each worker process in process mode, which
 *                      gets the concurrency shared out over the workers (at least one); each cluster
 *                      member, which runs a virtual thread per URL it is given and may be given all
 */
public record Concurrency(int inFlight, int workers, int threadsPerJvm) {

    /**
     * @param concurrency URLs in flight at once ({@code --concurrency})
     * @param workers     {@code --workers}; counts in process mode only
     */
    public static Concurrency of(Mode mode, int concurrency, int workers) {
        return switch (mode) {
            case VIRTUAL, PLATFORM, CLUSTER -> new Concurrency(concurrency, 0, concurrency);
            case PROCESS -> new Concurrency(concurrency, workers, share(concurrency, workers));
        };
    }

    /**
     * The concurrency shared out over {@code jvms} fetching JVMs: each one's threads, at least
     * one. Process mode's workers and cluster mode's members on this machine ({@code --members}).
     */
    public static int share(int concurrency, int jvms) {
        return Math.max(1, concurrency / Math.max(1, jvms));
    }
}
