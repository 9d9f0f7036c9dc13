package crawler.exec;

/** Things that happen to the execution substrate, as opposed to pages. */
public sealed interface ExecEvent {

    /** A worker process answered its hello: it is up and took {@code startupMs} from spawn. */
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
     * The substrate cannot run anything any more (process mode: no worker is live and none can be
     * started). The crawl must stop with {@code reason} as its error rather than fail every URL.
     */
    record SubstrateFailed(String reason) implements ExecEvent {
    }
}
