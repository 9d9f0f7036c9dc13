package crawler.bench.plan;

import crawler.bench.run.WarmSession;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * The order a bench runs its cells in. The warm cells of one mode (I/O levels, the zero-latency
 * ceiling, CPU units) form one {@link Step}: one child JVM, started and warmed once, that crawls
 * them one after another ({@link WarmSession}); each cold cell (start-up, chaos) is a step of its
 * own. With a seed other than 0, the cells within each session and the steps themselves are
 * shuffled, so no mode and no level always runs first (on a colder machine, a cooler fixture
 * server, in a JVM warmed by fewer crawls); the seed is printed, and {@code --seed} repeats the
 * order. With seed 0, cheapest first, the same every run. A pure function.
 */
public final class Schedule {

    /**
     * One step of the order.
     *
     * @param cells a warm session's cells, in the order its child JVM crawls them; or one cold cell
     * @param warm  whether the cells share one warm child JVM
     */
    public record Step(List<Cell> cells, boolean warm) {
        public Step {
            cells = List.copyOf(cells);
            if (cells.isEmpty()) {
                throw new IllegalArgumentException("a step needs at least one cell");
            }
            if (!warm && cells.size() > 1) {
                throw new IllegalArgumentException("a cold step is one cell, was " + cells.size());
            }
        }

        public Substrate substrate() {
            return cells.getFirst().substrate();
        }
    }

    private Schedule() {
    }

    /**
     * @param runnable  the cells to run, in plan order
     * @param firstRun  a cell's expected cost up to the end of its first run, to put cheap steps first
     * @param seed      0: cheapest first; else shuffled with this seed
     */
    public static List<Step> of(List<Cell> runnable, ToLongFunction<Cell> firstRun, long seed) {
        Objects.requireNonNull(firstRun, "firstRun");
        Comparator<Cell> cheapest = Comparator.comparingLong(firstRun);
        Map<Substrate, List<Cell>> sessions = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (Cell c : runnable) {
            if (c.workload().warm()) {
                sessions.computeIfAbsent(c.substrate(), s -> new ArrayList<>()).add(c);
            } else {
                steps.add(new Step(List.of(c), false));
            }
        }
        Random random = new Random(seed);
        for (List<Cell> cells : sessions.values()) {
            cells.sort(cheapest);
            if (seed != 0) {
                Collections.shuffle(cells, random);
            }
            steps.add(new Step(cells, true));
        }
        steps.sort(Comparator.comparingLong(s -> s.cells().stream().mapToLong(firstRun).sum()));
        if (seed != 0) {
            Collections.shuffle(steps, random);
        }
        return List.copyOf(steps);
    }
}
