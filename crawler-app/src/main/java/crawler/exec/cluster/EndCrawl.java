package crawler.exec.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/** Sent to every member when a crawl ends: its page processor (HTTP client, WARC files) is closed. */
final class EndCrawl implements Runnable, Callable<Boolean>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String crawlId;
    private transient HazelcastInstance member;

    EndCrawl(String crawlId) {
        this.crawlId = crawlId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public void run() {
        if (member.getUserContext().get(Members.RUNTIME_KEY) instanceof MemberRuntime runtime) {
            runtime.endCrawl(crawlId);
        }
    }

    /** The same, answered, for a sender that must know it ran before it stops the member. */
    @Override
    public Boolean call() {
        run();
        return true;
    }
}
