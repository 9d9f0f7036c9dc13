package crawler.bench.plan;


import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final List<Cell> QUICK = BenchPlan.of(BenchConfig.quick(), true).stream().map(BenchPlan.Planned::cell).toList();

    private static List<Schedule.Step> order(long seed) {
        Budget b = new Budget(Duration.ofSeconds(75), 1, System::nanoTime);
        return Schedule.of(QUICK, b::firstRunMillis, seed);
    }

    private static String describe(Schedule.Step s) {
        return s.substrate().label() + (s.warm() ? " session" : " cold") + " " + s.cells().stream()
                .map(c -> c.workload().label() + "@" + c.concurrency()).toList();
    }

    @Test
    void eachModesWarmCells_shareOneStep_andColdCellsStandAlone_cheapestFirstWithoutASeed() {
        List<Schedule.Step> steps = order(0);

        assertThat(steps).map(ScheduleTest::describe).containsExactly(
                "process cold [chaos@20]",
                "process session [io@25, io@5]",
                "virtual session [latency@50, io@25, io@5]");
        assertThat(steps).flatMap(Schedule.Step::cells).containsExactlyInAnyOrderElementsOf(QUICK);
    }

    @Test
    void aSeed_shufflesStepsAndTheCellsWithinThem_theSameWayEachTime_keepingEveryCell() {
        List<Schedule.Step> once = order(7);

        assertThat(order(7)).isEqualTo(once);
        assertThat(once).flatMap(Schedule.Step::cells).containsExactlyInAnyOrderElementsOf(QUICK);
        // Over a few seeds, every mode's session gets to run first and a session's levels change places.
        List<String> firsts = java.util.stream.LongStream.rangeClosed(1, 40).mapToObj(s -> order(s).getFirst().substrate().label())
                .distinct().toList();
        assertThat(firsts).as("the first step over 40 seeds").contains("virtual", "process");
        List<Integer> firstLevels = java.util.stream.LongStream.rangeClosed(1, 40)
                .mapToObj(s -> order(s).stream().filter(st -> st.warm() && st.substrate() == Substrate.PROCESS).findFirst()
                        .orElseThrow().cells().getFirst().concurrency()).distinct().toList();
        assertThat(firstLevels).as("the process session's first level over 40 seeds").containsExactlyInAnyOrder(5, 25);
    }
}
