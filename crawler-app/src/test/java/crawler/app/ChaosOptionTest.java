package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.protocol.Chaos;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChaosOptionTest {

    private final ChaosOption.Converter converter = new ChaosOption.Converter();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "kill-worker=5; 5; 0; 0",
        "oom-at=20; 0; 20; 0",
        "error-at=3; 0; 0; 3",
        "kill-worker=7, oom-at=2,error-at=9; 7; 2; 9",
    })
    void spec_setsEachNamedFault(String spec, int kill, int oom, int error) {
        ChaosOption c = converter.convert(spec);

        assertThat(c).isEqualTo(new ChaosOption(kill, oom, error));
        assertThat(c.inTasks()).isEqualTo(new Chaos(oom, error));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill-everything", "oom-at=0", "error-at=-1", "oom-at=", "oom-at=3,", "stack-at=2"})
    void badSpec_isRejected_quotingIt(String spec) {
        assertThatThrownBy(() -> converter.convert(spec)).hasMessageContaining("'" + spec + "'")
                .hasMessageContaining("oom-at=N");
    }
}
