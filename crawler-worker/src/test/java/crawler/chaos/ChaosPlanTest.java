package crawler.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.protocol.Chaos;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChaosPlanTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "kill-worker=5; 5; 0; 0; 0",
        "oom-at=20; 0; 20; 0; 0",
        "error-at=3; 0; 0; 3; 0",
        "hang-at=4; 0; 0; 0; 4",
        "kill-worker=7, oom-at=2,error-at=9; 7; 2; 9; 0",
    })
    void spec_setsEachNamedFault(String spec, int kill, int oom, int error, int hang) {
        ChaosPlan plan = ChaosPlan.parse(spec);

        assertThat(plan).isEqualTo(new ChaosPlan(kill, new Chaos(oom, error, hang)));
        assertThat(plan.killsWorkers()).isEqualTo(kill > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill-everything", "oom-at=0", "error-at=-1", "oom-at=", "oom-at=3,", "stack-at=2"})
    void badSpec_isRejected_quotingIt(String spec) {
        assertThatThrownBy(() -> ChaosPlan.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + spec + "'").hasMessageContaining("oom-at=N");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill-worker=60", "oom-at=5", "kill-worker=3,oom-at=2,error-at=9,hang-at=4", "error-at=1,hang-at=2"})
    void spec_readsBackAsTheSamePlan(String spec) {
        ChaosPlan plan = ChaosPlan.parse(spec);

        assertThat(plan.spec()).isEqualTo(spec);
        assertThat(ChaosPlan.parse(plan.spec())).isEqualTo(plan);
        assertThat(ChaosPlan.NONE.spec()).isEmpty();
    }

    @Test
    void workerKills_fallOnEveryNthResult_andNeverWhenOff() {
        assertThat(LongStream.rangeClosed(1, 10).filter(ChaosPlan.killingWorkerEvery(3)::killsAfter))
                .containsExactly(3L, 6L, 9L);
        assertThat(LongStream.rangeClosed(1, 10).filter(ChaosPlan.NONE::killsAfter)).isEmpty();
    }

    @Test
    void negativeKillCount_isRejected_withItsValue() {
        assertThatThrownBy(() -> ChaosPlan.killingWorkerEvery(-1)).hasMessage(
                "chaos kill-worker must be >= 0 (0 = off), was -1");
    }
}
