package crawler.bench.run;

import crawler.bench.Samples;
import crawler.bench.plan.Cell;
import crawler.bench.plan.Substrate;
import crawler.bench.probe.TreeUsage;
import crawler.bench.judge.Stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellResultTest {

    private static final TreeUsage U = Samples.usage(100, 120, 30, 1000, 1000, 1);

    @Test
    void cell_failsWhenRunsFetchedDifferentUrlSets_andIsNotClean() {
        Cell cell = Samples.io(Substrate.VIRTUAL, 10, 50);
        RunResult a = Samples.run(cell, 1, 500, U, 1, 10, List.of());
        RunResult b = new RunResult(cell, 2, null, 500, 900, 50, 0, 50, "different", 1, 10, List.of(), U);
        CellResult c = new CellResult(cell, null, List.of(a, b));
        assertThat(c.ok()).isFalse();
        assertThat(c.clean()).isFalse();
        assertThat(c.failure()).contains("different URL sets");
    }

    @Test
    void cell_failsWhenAnyRunFailed_namingTheRun() {
        Cell cell = Samples.io(Substrate.VIRTUAL, 10, 50);
        CellResult c = new CellResult(cell, null, List.of(Samples.run(cell, 1, 500, U, 1, 10, List.of()),
                Samples.run(cell, 2, 500, U, 1, 10, List.of()).withFailure("crawl stopped: MAX_TIME (40 pages)")));
        assertThat(c.failure()).isEqualTo("run 2: crawl stopped: MAX_TIME (40 pages)");
    }

    @Test
    void efficiency_isIdealOverMedianWall() {
        // 500 pages at c=100 and 100 ms: 5 rounds, ideal 500 ms; median wall 625 ms.
        Cell cell = Samples.io(Substrate.VIRTUAL, 100, 500);
        CellResult c = Samples.cell(cell, new long[] {600, 625, 700}, U, 1, 100, List.of());
        assertThat(c.idealTime().toMillis()).isEqualTo(500);
        assertThat(c.efficiency()).isEqualTo(0.8);
        assertThat(c.wideSpread()).isFalse();
    }

    @Test
    void wideSpread_isFlagged_aboveAQuarterOfTheMedian() {
        CellResult c = Samples.cell(Samples.io(Substrate.VIRTUAL, 10, 50), new long[] {500, 520, 700}, U, 1, 10, List.of());
        assertThat(c.wideSpread()).isTrue();
    }

    @Test
    void stat_ofEvenCount_takesTheMeanOfTheMiddleTwo() {
        Stat s = Stat.of(List.of(4, 1, 3, 2));
        assertThat(s).isEqualTo(new Stat(2.5, 1, 4));
    }

    @Test
    void cellWithoutRunsOrReason_isRejected() {
        assertThatThrownBy(() -> new CellResult(Samples.io(Substrate.VIRTUAL, 10, 50), null, List.of()))
                .hasMessageContaining("io-virtual-c10");
    }
}
