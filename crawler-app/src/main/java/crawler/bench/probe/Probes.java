package crawler.bench.probe;


import java.util.List;

/**
 * Measures a bench makes beside its crawls, each in child JVMs of its own: the price of a
 * context switch (claim 7), CPU-bound work scaled by threads and by processes (claim 5), and the
 * thread-mode half of fault isolation (claim 8).
 *
 * @param handOffs    a token handed between two units of each kind; empty when not measured
 * @param threadFault a thread-mode crawl in which one task exhausts the shared heap; null when not run
 * @param seed        the seed that shuffled the order of the cells; 0 when they ran in table order
 * @param cpu         CPU-bound work on threads and on processes; null when not measured
 */
public record Probes(List<HandOff> handOffs, IsolationScenario.Row threadFault, long seed, CpuScaling cpu) {

    public static final Probes NONE = new Probes(List.of(), null, 0);

    public Probes {
        handOffs = List.copyOf(handOffs);
    }

    /** Without the CPU-bound measure. */
    public Probes(List<HandOff> handOffs, IsolationScenario.Row threadFault, long seed) {
        this(handOffs, threadFault, seed, null);
    }

    public java.util.Optional<HandOff> handOff(String kind) {
        return handOffs.stream().filter(h -> h.kind().equals(kind)).findFirst();
    }
}
