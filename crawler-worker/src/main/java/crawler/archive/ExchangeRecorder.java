package crawler.archive;

import crawler.page.PageResult;
import java.util.List;

/**
 * Where the fetch unit puts what it saw for each URL. Implementations are thread-safe: one
 * recorder serves every fetch thread of a process.
 */
public interface ExchangeRecorder extends AutoCloseable {

    /** Records nothing; what the fetch unit uses when WARC output is off. */
    ExchangeRecorder NONE = new ExchangeRecorder() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void record(PageResult result, List<HttpExchange> exchanges) {
        }

        @Override
        public void close() {
        }
    };

    /** False when {@link #record} would do nothing, so the fetcher can skip capturing the wire. */
    boolean active();

    /**
     * Records one URL: its exchanges in the order they happened and the crawl's facts about it.
     * All of it is written together and handed to the operating system before this returns, so a
     * process killed later loses nothing of it. A URL without exchanges (no response at all) is
     * not recorded.
     *
     * @throws java.io.UncheckedIOException when the archive cannot be written
     */
    void record(PageResult result, List<HttpExchange> exchanges);

    /** Closes the current file. Idempotent. */
    @Override
    void close();
}
