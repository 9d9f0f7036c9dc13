package crawler.bench.plan;

import crawler.bench.run.WarmSession;

import java.util.Locale;

/** The kinds of measurement the bench makes; each gets its own table. */
public enum Workload {
    /** A flat list of pages with a fixed latency: throughput and memory versus concurrency. */
    IO("I/O-bound: flat page list, fixed latency"),
    /**
     * The I/O-bound crawl with its page list spread over many hosts: how the models compare when
     * hosts matter, as they do to cluster mode, which routes each host's URLs to the member owning
     * it, so only here does a second member have work (the one-host I/O table stays the claims'
     * evidence, with nothing per host to pay).
     */
    HOSTS("many hosts: flat page list spread over the fixture site's hosts, fixed latency"),
    /** Extra per-page CPU work, no latency: speed-up versus units of concurrency. */
    CPU("CPU-bound: --cpu-work per page, no latency"),
    /** One concurrency, several latencies: where each model stops keeping up (Little's law). */
    LATENCY("latency sweep at fixed concurrency"),
    /** Process mode, several batch sizes, no latency: what handing out URL lists costs. */
    BATCH("batch-size sweep, process mode, no latency"),
    /** One page with one unit of concurrency, cold: the cost of bringing a unit up. */
    STARTUP("start-up: one unit, one page, cold"),
    /**
     * Fault isolation (claim 8): process mode with worker JVMs SIGKILLed mid-crawl; the crawl must
     * still fetch exactly the ground-truth URL set. Run once: it checks correctness, not speed.
     * The thread-mode counterpart (a failure inside the one JVM) belongs in this table too.
     */
    CHAOS("fault isolation: worker JVMs killed mid-crawl");

    private final String title;

    Workload(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /**
     * Whether the cell's runs are measured in one child JVM on one substrate, warmed by the
     * bench's {@code --warmups} unmeasured crawls ({@link WarmSession}); otherwise each run is a
     * cold child JVM of its own. Start-up measures the cold start itself; chaos checks correctness
     * once.
     */
    public boolean warm() {
        return this != STARTUP && this != CHAOS;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
