package crawler.bench.probe;

import crawler.bench.run.ChildCrawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU probe's plan and its conversation with real child JVMs. No assertion on speed. */
class CpuScalingTest {

    @TempDir
    Path work;

    @Test
    void order_rotatesTheRuns_soEachLeadsARound() {
        assertThat(CpuScaling.order(0)).containsExactly("one", "threads", "processes");
        assertThat(CpuScaling.order(1)).containsExactly("threads", "processes", "one");
        assertThat(CpuScaling.order(2)).containsExactly("processes", "one", "threads");
    }

    @Test
    void plan_isThreeShortRounds_forAQuickBudget_andFiveLongerOnes_otherwise() {
        assertThat(CpuScaling.Plan.forBudget(Duration.ofSeconds(60))).isEqualTo(new CpuScaling.Plan(3, 1_000));
        assertThat(CpuScaling.Plan.forBudget(Duration.ofMinutes(3))).isEqualTo(new CpuScaling.Plan(5, 2_000));
    }

    @Test
    void measure_runsOneUnitOnOneThreadOfOneJvm_andReportsASpeedUpPerRound() throws Exception {
        CpuScaling s = CpuScaling.measure(ChildCrawl.ofThisJvm(work, Duration.ofSeconds(30)).java(), 2, new CpuScaling.Plan(3, 20));

        assertThat(s.units()).isEqualTo(2);
        assertThat(s.rounds()).isEqualTo(3);
        assertThat(s.onePids()).isEqualTo(1);
        assertThat(s.oneThreads()).isEqualTo(1);
        assertThat(s.threads().min()).isPositive();
        assertThat(s.processes().min()).isPositive();
        assertThat(s.describe()).startsWith("CPU work, 2 units of ");
    }

    @Test
    void speedUp_countsTheScaledRunsWork_unitsTimesOneUnits() {
        assertThat(CpuScaling.speedUp(2, 1_000, 1_000)).isEqualTo(2.0); // twice the work in the same time
        assertThat(CpuScaling.speedUp(2, 1_000, 2_000)).isEqualTo(1.0); // no parallelism at all
        assertThat(CpuScaling.speedUp(4, 1_000, 2_000)).isEqualTo(2.0);
    }

    @Test
    void run_startsAsManyWorkingThreadsAsAsked() throws InterruptedException {
        assertThat(CpuUnitChild.run(CpuUnitChild.body(), 3, 10)).isEqualTo(3);
    }
}
