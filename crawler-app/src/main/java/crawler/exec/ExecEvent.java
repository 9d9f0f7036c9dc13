package crawler.exec;

/** Things that happen to the execution substrate, as opposed to pages. */
public sealed interface ExecEvent {

    /**
     * A worker process answered its hello: it is up and took {@code startupMs} from spawn. In
     * cluster mode, the member embedded in the coordinator's JVM is up, {@code startupMs} after
     * its start began (worker id 0).
     */
    record WorkerStarted(int workerId, long pid, long startupMs) implements ExecEvent {
    }

    /**
     * A worker process delivered its first result {@code spawnToResultMs} after it was spawned:
     * its start-up plus one cold fetch and parse, what a new worker costs before it is useful.
     */
    record WorkerFirstResult(int workerId, long pid, long spawnToResultMs) implements ExecEvent {
    }

    /**
     * A worker process ended while it still held work. {@code requeued} URLs were handed out
     * again; {@code abandoned} reached their retry limit and were reported as WORKER_CRASH.
     */
    record WorkerDied(int workerId, long pid, int exitCode, int requeued, int abandoned) implements ExecEvent {
    }

    /**
     * A cluster member answered a batch of one host's URLs, delivering {@code pages} results the
     * crawl had not had yet (fewer than the batch held when some were answered already, by a run
     * of the batch on an owner that died). Counted per member, it shows how hosts spread.
     *
     * @param member the member's address and pid, e.g. {@code 127.0.0.1:5701 pid 4242}
     */
    record MemberBatch(String member, String host, int pages) implements ExecEvent {
    }

    /**
     * The substrate cannot run anything any more (process mode: no worker is live and none can be
     * started). The crawl must stop with {@code reason} as its error rather than fail every URL.
     */
    record SubstrateFailed(String reason) implements ExecEvent {
    }
}
