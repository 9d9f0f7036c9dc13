package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.chaos.ChaosPlan;
import crawler.protocol.Chaos;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The option's grammar is {@link ChaosPlan}'s (crawler.chaos.ChaosPlanTest); here, only how picocli hears it. */
class ChaosOptionTest {

    private final ChaosOption.Converter converter = new ChaosOption.Converter();

    @Test
    void spec_becomesThePlan() {
        assertThat(converter.convert("kill-worker=7, oom-at=2,error-at=9"))
                .isEqualTo(new ChaosPlan(7, new Chaos(2, 9)));
    }

    @Test
    void badSpec_isAConversionError_quotingIt() {
        assertThatThrownBy(() -> converter.convert("oom-at=0")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'oom-at=0'").hasMessageContaining("oom-at=N");
    }
}
