package crawler.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdealTimeTest {

    @ParameterizedTest(name = "{0} pages, c={1}, {2} levels -> {3} rounds")
    @CsvSource({
            "1000, 1000, 1, 1",
            "1001, 1000, 1, 2",
            "10, 1000, 3, 3",
            "5000, 200, 1, 25",
            "0, 10, 1, 1"
    })
    void idealTime_isRoundsTimesLatency(long pages, int concurrency, int levels, long rounds) {
        assertThat(IdealTime.of(pages, concurrency, levels, Duration.ofMillis(100)))
                .isEqualTo(Duration.ofMillis(100 * rounds));
    }

    @ParameterizedTest
    @CsvSource({"1000, 1250, 0.8", "1000, 1000, 1.0"})
    void efficiency_isIdealOverWall(long idealMs, long wallMs, double expected) {
        assertThat(IdealTime.efficiency(Duration.ofMillis(idealMs), wallMs)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
}
