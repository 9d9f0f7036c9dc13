package crawler.archive;

import java.util.Objects;

/**
 * Where and how a process writes its WARC files. Immutable; checked when built.
 *
 * @param prefix       path prefix of the files: {@code PREFIX-<timestamp>-<serial>-<writer>.warc.gz}
 * @param maxFileBytes a file is closed and the next one started before it would pass this size
 *                     (a file always takes at least one URL, so one huge URL may exceed it)
 * @param workerId     the worker process writing, null for the coordinator process (thread modes)
 * @param mode         the execution mode, for the warcinfo record
 * @param concurrency  the crawl's concurrency, for the warcinfo record
 * @param commandLine  the command that started the crawl, for the warcinfo record
 */
public record WarcConfig(String prefix, long maxFileBytes, Integer workerId, String mode, int concurrency,
                         String commandLine) {

    /** Default rotation size: 1 GB, the customary size of WARC files. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1_000_000_000L;

    public WarcConfig {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || prefix.endsWith("/")) {
            throw new IllegalArgumentException("WARC prefix must name files (e.g. out/crawl), was '" + prefix + "'");
        }
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1024, was " + maxFileBytes);
        }
        if (workerId != null && workerId < 0) {
            throw new IllegalArgumentException("workerId must be >= 0, was " + workerId);
        }
        mode = mode == null ? "" : mode;
        commandLine = commandLine == null ? "" : commandLine;
    }

    /** Names this process's files: {@code w<id>} for a worker process, {@code main} otherwise. */
    public String writerId() {
        return workerId == null ? "main" : "w" + workerId;
    }

    /** The same files, for a crawl in {@code crawlMode} with {@code crawlConcurrency} URLs in flight. */
    public WarcConfig forCrawl(String crawlMode, int crawlConcurrency) {
        return new WarcConfig(prefix, maxFileBytes, workerId, crawlMode, crawlConcurrency, commandLine);
    }

    /** The same settings for worker process {@code id}. */
    public WarcConfig forWorker(int id) {
        return new WarcConfig(prefix, maxFileBytes, id, mode, concurrency, commandLine);
    }
}
