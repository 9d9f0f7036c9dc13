package crawler.exec.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;

/**
 * What a member sends back for a {@link FetchBatch}: who ran it, for the crawl's count of hosts
 * per member, and one worker-protocol result line per URL.
 *
 * @param member the member's address and pid, e.g. {@code 127.0.0.1:5701 pid 4242}
 */
record BatchReply(String member, ArrayList<String> lines) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
