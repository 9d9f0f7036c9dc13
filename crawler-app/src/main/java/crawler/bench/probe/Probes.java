package crawler.bench.probe;


import java.util.List;

/**
 * Measures a bench makes beside its crawls, each in a child JVM of its own: the price of a
 * context switch (claim 7) and the thread-mode half of fault isolation (claim 8).
 *
 * @param handOffs    a token handed between two units of each kind; empty when not measured
 * @param threadFault a thread-mode crawl in which one task exhausts the shared heap; null when not run
 * @param seed        the seed that shuffled the order of the cells; 0 when they ran in table order
 */
public record Probes(List<HandOff> handOffs, IsolationScenario.Row threadFault, long seed) {

    public static final Probes NONE = new Probes(List.of(), null, 0);

    public Probes {
        handOffs = List.copyOf(handOffs);
    }

    public java.util.Optional<HandOff> handOff(String kind) {
        return handOffs.stream().filter(h -> h.kind().equals(kind)).findFirst();
    }
}
