package crawler.bench.plan;


import crawler.exec.Concurrency;
import crawler.exec.Mode;
import java.util.Locale;

/**
 * An execution substrate as the bench varies it: the crawler's four modes, plus process mode
 * with one thread per worker, which is how the seed's {@code ProcessPoolExecutor} works. Cluster
 * mode is measured as its default runs it, one Hazelcast member embedded in the crawl's JVM: a
 * member in a JVM of its own costs start-up and memory the bench would have to manage apart from
 * the crawl's process tree (docs/cluster.md has figures for three member JVMs).
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
    CLUSTER(Mode.CLUSTER);

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
            case VIRTUAL, PLATFORM, CLUSTER -> 0;
            case PROCESS -> Math.min(PROCESS_WORKERS, concurrency);
            case PROCESS_1T -> concurrency;
        };
    }

    /** Whether it fetches on platform threads, one OS thread per unit of concurrency (worker processes do too). */
    public boolean platformThreads() {
        return this != VIRTUAL && this != CLUSTER;
    }

    /** Cluster members that run the batches; 0 for the other modes. */
    public int members() {
        return this == CLUSTER ? 1 : 0;
    }

    /** Fetch threads per worker process; for the thread modes, the concurrency itself. */
    public int threadsPerWorker(int concurrency) {
        return Concurrency.of(mode, concurrency, workers(concurrency)).threadsPerJvm();
    }

    /** The name used in tables and files: virtual, platform, process, process-1t, cluster. */
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
        throw new IllegalArgumentException("unknown mode '" + label + "'; expected virtual, platform, process, process-1t or cluster");
    }
}
