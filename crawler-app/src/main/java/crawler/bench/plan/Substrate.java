package crawler.bench.plan;


import crawler.exec.Concurrency;
import crawler.exec.Mode;
import java.util.Locale;

/**
 * An execution substrate as the bench varies it: the crawler's four modes, plus process mode
 * with one thread per worker, which is how the seed's {@code ProcessPoolExecutor} works, and
 * cluster mode on two members. Cluster mode is measured as its default runs it, one Hazelcast
 * member embedded in the crawl's JVM, and as {@code --members 2} runs it, that member plus one
 * member JVM the crawl starts as its child (so inside the measured process tree): process mode's
 * shape (2 JVMs x C/2 threads, the share each member's heap is sized for; a member runs a virtual
 * thread per URL it is given, and the coordinator keeps the crawl within C), with Hazelcast's
 * routing by host in place of process mode's pipes.
 */
public enum Substrate {
    /** A virtual thread per URL in flight. */
    VIRTUAL(Mode.VIRTUAL),
    /** A pool of as many platform threads as the concurrency. */
    PLATFORM(Mode.PLATFORM),
    /** Two worker JVMs sharing the concurrency out as threads (P = 2, T = concurrency / 2). */
    PROCESS(Mode.PROCESS),
    /** One worker JVM per unit of concurrency, one fetch thread each (P = concurrency, T = 1). */
    PROCESS_1T(Mode.PROCESS),
    /** One Hazelcast member in the crawl's JVM, running every batch on virtual threads (M = 1, T = concurrency). */
    CLUSTER(Mode.CLUSTER),
    /**
     * Two members, the crawl's embedded one and a member JVM it starts, each running the batches of
     * the hosts it owns on virtual threads (M = 2, each sized for T = concurrency / 2).
     */
    CLUSTER_2M(Mode.CLUSTER);

    /** Worker JVMs of {@link #PROCESS}. */
    public static final int PROCESS_WORKERS = 2;

    private final Mode mode;

    Substrate(Mode mode) {
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    /** Worker processes at this concurrency; 0 for the thread modes. */
    public int workers(int concurrency) {
        return switch (this) {
            case VIRTUAL, PLATFORM, CLUSTER, CLUSTER_2M -> 0;
            case PROCESS -> Math.min(PROCESS_WORKERS, concurrency);
            case PROCESS_1T -> concurrency;
        };
    }

    /** Whether it fetches on platform threads, one OS thread per unit of concurrency (worker processes do too). */
    public boolean platformThreads() {
        return mode != Mode.VIRTUAL && mode != Mode.CLUSTER;
    }

    /** Cluster members that run the batches; 0 for the other modes. */
    public int members() {
        return switch (this) {
            case CLUSTER -> 1;
            case CLUSTER_2M -> 2;
            case VIRTUAL, PLATFORM, PROCESS, PROCESS_1T -> 0;
        };
    }

    /**
     * Fetch threads per worker process, or per cluster member (the concurrency shared out over the
     * members, as {@code --members} shares it); for the thread modes, the concurrency itself.
     */
    public int threadsPerWorker(int concurrency) {
        int perJvm = Concurrency.of(mode, concurrency, workers(concurrency)).threadsPerJvm();
        return members() > 1 ? Concurrency.share(perJvm, members()) : perJvm;
    }

    /** The name used in tables and files: virtual, platform, process, process-1t, cluster, cluster-2m. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a label as printed by {@link #label()}. */
    public static Substrate parse(String label) {
        for (Substrate s : values()) {
            if (s.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + label + "'; expected virtual, platform, process, process-1t, cluster or cluster-2m");
    }
}
