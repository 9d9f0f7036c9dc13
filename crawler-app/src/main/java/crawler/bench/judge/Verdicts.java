package crawler.bench.judge;

import crawler.bench.run.BenchResult;

import java.util.List;

/**
 * The seed's eight claims, each judged on the measurements with the figure that decides it and
 * the rule that decided it. A pure function of a {@link BenchResult}; a claim the run has no
 * figure for says so. Claims 1, 2, 3 and 6 are structural ({@link StructuralClaims}: a run shows
 * them, it cannot refute the JVM's process model), so their best outcome is "shown"; claims 4, 5
 * ({@link ScalingClaims}), 7 ({@link PriceClaim}) and 8 ({@link IsolationClaim}) are tests that
 * can come out either way, and every comparison of timings compares min-max spreads of at least
 * {@link #MIN_RUNS} runs: overlapping spreads are "no difference".
 */
public final class Verdicts {

    /** Runs a figure needs before it decides anything: fewer have no spread worth the name. */
    public static final int MIN_RUNS = 3;
    /** Claim 4: a level counts only where c / latency is at most this share of the measured ceiling. */
    public static final double HEADROOM = 0.5;
    /** Claim 4: throughput must grow at least this share of c's growth (Little's law) for threads to fit. */
    public static final double GROWTH = 0.5;
    /** Claim 5: not judged unless some mode reaches this share of min(units, cores) as speed-up. */
    public static final double CPU_FLOOR = 0.6;
    /**
     * Claim 5: one speed-up's median must be at least this multiple of the other's to count as
     * better. On 2 cores both are at most 2x, so 1.25 asks for e.g. 1.9x against 1.5x, a gap
     * that a burst of other load within one round does not open.
     */
    public static final double CPU_MARGIN = 1.25;
    /**
     * Claim 7: one hand-off's median must be at least this multiple of the other's to count as
     * faster. Platform-thread and pipe hand-offs both cost 2 to 50 us on 2 shared cores, depending
     * on whether the two ends share a core; a factor 1.5 is beyond that placement's luck.
     */
    public static final double SWITCH_MARGIN = 1.5;

    private Verdicts() {
    }

    public static List<Verdict> of(BenchResult r) {
        return List.of(StructuralClaims.claim1(r), StructuralClaims.claim2(r), StructuralClaims.claim3(r), ScalingClaims.claim4(r),
                ScalingClaims.claim5(r), StructuralClaims.claim6(r), PriceClaim.claim7(r), IsolationClaim.claim8(r));
    }

    /** +1 when a's spread lies wholly above b's, -1 wholly below, 0 when they overlap. */
    public static int compare(Stat a, Stat b) {
        return a.min() > b.max() ? 1 : a.max() < b.min() ? -1 : 0;
    }

    /**
     * {@link #compare} with a margin: +1 when a's spread lies wholly above b's and a's median is
     * at least {@code ratio} x b's, -1 the other way round, else 0 (no difference worth the name).
     */
    public static int differs(Stat a, Stat b, double ratio) {
        int cmp = compare(a, b);
        if (cmp > 0 && a.median() >= ratio * b.median()) {
            return 1;
        }
        if (cmp < 0 && b.median() >= ratio * a.median()) {
            return -1;
        }
        return 0;
    }

    public static String spread(Stat s, java.util.function.DoubleFunction<String> f) {
        return f.apply(s.median()) + " (" + f.apply(s.min()) + "-" + f.apply(s.max()) + ")";
    }
}
