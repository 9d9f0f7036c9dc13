package crawler.exec.cluster;

import crawler.chaos.ChaosProcessor;
import crawler.fetch.FetchConfig;
import crawler.fetch.HttpPageProcessor;
import crawler.page.PageProcessor;
import crawler.protocol.Codec;
import crawler.protocol.MalformedMessageException;
import crawler.protocol.ToWorker;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one data member holds for the crawls it serves: one page processor per crawl (one HTTP
 * client and connection pool shared by the member's fetch threads, as in virtual mode), the
 * per-host politeness gate of the hosts it owns, and the codec results travel in.
 *
 * <p>Thread-safe: batches of several hosts and crawls run at once.
 */
public final class MemberRuntime implements AutoCloseable {

    private final Codec codec = new Codec();
    private final HostGate gate = new HostGate();
    private final Map<String, PageProcessor> processors = new ConcurrentHashMap<>();
    private final PrintStream log;

    /** @param log where the fetch unit's own notices go (stderr in a member process) */
    public MemberRuntime(PrintStream log) {
        this.log = log;
    }

    Codec codec() {
        return codec;
    }

    HostGate gate() {
        return gate;
    }

    /** The crawl's processor, built from its first batch's config line. */
    PageProcessor processor(String crawlId, String configLine) {
        return processors.computeIfAbsent(crawlId, id -> {
            try {
                if (!(codec.decodeToWorker(configLine) instanceof ToWorker.Config config)) {
                    throw new IllegalArgumentException("not a config: " + configLine);
                }
                FetchConfig fetch = config.fetch();
                if (fetch.warc() != null) {
                    // Each member archives what it fetched to its own files, like each worker process.
                    fetch = fetch.withWarc(fetch.warc().forWorker((int) (ProcessHandle.current().pid() % 1_000_000)));
                }
                return ChaosProcessor.wrap(new HttpPageProcessor(fetch), config.chaos(), log);
            } catch (MalformedMessageException e) {
                throw new IllegalArgumentException("crawl " + crawlId + ": bad config from the coordinator", e);
            }
        });
    }

    /** The crawl is over: its processor (client, WARC writer) is closed. */
    void endCrawl(String crawlId) {
        PageProcessor p = processors.remove(crawlId);
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close() {
        processors.keySet().forEach(this::endCrawl);
    }
}
