package crawler.bench.judge;


import java.util.Objects;

/**
 * What the measurements say about one of the seed's eight claims.
 *
 * @param claim    1 to 8, as numbered in DESIGN.md
 * @param text     the claim, shortened
 * @param outcome  the verdict
 * @param evidence the figure that supports or contradicts it
 * @param rule     how the outcome is decided, in one sentence, printed beside it
 */
public record Verdict(int claim, String text, Outcome outcome, String evidence, String rule) {

    /**
     * A closed set of verdicts. {@link #SHOWN} is for the structural claims (pids, thread ids,
     * separate heaps), which a run demonstrates rather than tests; {@link #NO_DIFFERENCE} is for a
     * comparison whose min-max spreads overlap.
     */
    public enum Outcome {
        SUPPORTED("supported"),
        NOT_SUPPORTED("not supported"),
        NO_DIFFERENCE("no difference"),
        MIXED("mixed"),
        SHOWN("shown"),
        NOT_MEASURED("not measured");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Verdict {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(rule, "rule");
        if (claim < 1 || claim > 8) {
            throw new IllegalArgumentException("claim must be in [1, 8], was " + claim);
        }
    }
}
