package crawler.bench.plan;


import java.util.Locale;
import java.util.Objects;

/**
 * One point of the grid: what a measured crawl runs. Immutable; checked when built.
 *
 * @param workload      which table the cell belongs to
 * @param substrate     execution substrate
 * @param concurrency   URLs in flight at once over the whole crawl (>= 1)
 * @param batchSize     longest URL list handed out at once (>= 1)
 * @param latencyMillis fixed response latency of the site; -1 when unknown (a user's site)
 * @param cpuWork       extra hash rounds per page (>= 0)
 * @param pages         URLs in the flat seed list (>= 1)
 * @param killWorkerEvery process mode: SIGKILL a worker after every this many results (0 = never)
 */
public record Cell(Workload workload, Substrate substrate, int concurrency, int batchSize, long latencyMillis,
                   int cpuWork, int pages, int killWorkerEvery) {

    /** A cell without fault injection. */
    public Cell(Workload workload, Substrate substrate, int concurrency, int batchSize, long latencyMillis, int cpuWork,
                int pages) {
        this(workload, substrate, concurrency, batchSize, latencyMillis, cpuWork, pages, 0);
    }

    public Cell {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(substrate, "substrate");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (latencyMillis < -1) {
            throw new IllegalArgumentException("latencyMillis must be >= -1, was " + latencyMillis);
        }
        if (cpuWork < 0) {
            throw new IllegalArgumentException("cpuWork must be >= 0, was " + cpuWork);
        }
        if (pages < 1) {
            throw new IllegalArgumentException("pages must be >= 1, was " + pages);
        }
        if (killWorkerEvery < 0) {
            throw new IllegalArgumentException("killWorkerEvery must be >= 0, was " + killWorkerEvery);
        }
        if (killWorkerEvery > 0 && substrate.workers(concurrency) == 0) {
            throw new IllegalArgumentException("killWorkerEvery needs worker processes; " + substrate.label() + " has none");
        }
    }

    public int workers() {
        return substrate.workers(concurrency);
    }

    /**
     * Whether each run's substrate starts JVMs of its own beside the crawl's: worker JVMs, or the
     * member JVMs of a cluster of more than one member.
     */
    public boolean startsJvms() {
        return workers() > 0 || substrate.members() > 1;
    }

    public int threadsPerWorker() {
        return substrate.threadsPerWorker(concurrency);
    }

    /** Whether the ideal time is exact for this cell: a known, fixed latency above zero. */
    public boolean hasIdealTime() {
        return latencyMillis > 0;
    }

    /**
     * A short unique name, e.g. {@code io-virtual-c1000-b16-l100-w0-p3000}, used for file names;
     * a chaos cell ends in {@code -k} and its kill interval.
     */
    public String key() {
        return String.format(Locale.ROOT, "%s-%s-c%d-b%d-l%d-w%d-p%d", workload.label(), substrate.label(), concurrency,
                batchSize, latencyMillis, cpuWork, pages) + (killWorkerEvery > 0 ? "-k" + killWorkerEvery : "");
    }

    /**
     * How the substrate is shaped, e.g. {@code 2x500} for process mode, {@code 1000} for threads,
     * {@code 1x1000} for cluster mode's one member, {@code 2x500} for two members.
     */
    public String shape() {
        int w = workers();
        if (substrate.members() > 0) {
            return substrate.members() + "x" + threadsPerWorker();
        }
        return w == 0 ? Integer.toString(concurrency) : w + "x" + threadsPerWorker();
    }
}
