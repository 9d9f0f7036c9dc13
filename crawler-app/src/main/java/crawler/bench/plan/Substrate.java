package crawler.bench.plan;


import crawler.exec.Concurrency;
import crawler.exec.Mode;
import java.util.Locale;

/**
 * An execution substrate as the bench varies it: the crawler's three modes, plus process mode
 * with one thread per worker, which is how the seed's {@code ProcessPoolExecutor} works.
 */
public enum Substrate {
    /** A virtual thread per URL in flight. */
    VIRTUAL(Mode.VIRTUAL),
    /** A pool of as many platform threads as the concurrency. */
    PLATFORM(Mode.PLATFORM),
    /** Two worker JVMs sharing the concurrency out as threads (P = 2, T = concurrency / 2). */
    PROCESS(Mode.PROCESS),
    /** One worker JVM per unit of concurrency, one fetch thread each (P = concurrency, T = 1). */
    PROCESS_1T(Mode.PROCESS);

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
            case VIRTUAL, PLATFORM -> 0;
            case PROCESS -> Math.min(PROCESS_WORKERS, concurrency);
            case PROCESS_1T -> concurrency;
        };
    }

    /** Fetch threads per worker process; for the thread modes, the concurrency itself. */
    public int threadsPerWorker(int concurrency) {
        return Concurrency.of(mode, concurrency, workers(concurrency)).threadsPerJvm();
    }

    /** The name used in tables and files: virtual, platform, process, process-1t. */
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
        throw new IllegalArgumentException("unknown mode '" + label + "'; expected virtual, platform, process or process-1t");
    }
}
