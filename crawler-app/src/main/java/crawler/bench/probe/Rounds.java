package crawler.bench.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order a probe's runs take in each round: rotated by one per round, so each kind leads in
 * turn and none always runs first, on a machine that warms (or tires) through the rounds.
 */
final class Rounds {

    private Rounds() {
    }

    /** {@code kinds} rotated left by {@code round} (from 0). */
    static <T> List<T> rotated(List<T> kinds, int round) {
        List<T> out = new ArrayList<>(kinds);
        Collections.rotate(out, -(round % out.size()));
        return out;
    }
}
