package crawler.bench.judge;

import crawler.bench.run.BenchResult;

import java.util.List;
import java.util.Objects;

/**
 * A bench result with its verdicts, judged once: every report (text, JSON, Markdown, HTML) renders
 * these same verdicts rather than judging the measurements again. Immutable.
 *
 * @param result   what was measured
 * @param verdicts the eight claims, judged by {@link Verdicts#of} on {@code result}
 */
public record JudgedBench(BenchResult result, List<Verdict> verdicts) {

    public JudgedBench {
        Objects.requireNonNull(result, "result");
        verdicts = List.copyOf(verdicts);
        if (verdicts.size() != 8) {
            throw new IllegalArgumentException("one verdict per claim, 8, was " + verdicts.size());
        }
    }

    /** Judges the result. */
    public static JudgedBench of(BenchResult result) {
        return new JudgedBench(result, Verdicts.of(result));
    }
}
