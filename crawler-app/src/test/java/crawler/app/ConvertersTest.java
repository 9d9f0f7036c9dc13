package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ConvertersTest {

    @ParameterizedTest
    @CsvSource({"250ms, 250", "10s, 10000", "2m, 120000", "1h, 3600000"})
    void durations_needAUnit(String text, long millis) {
        assertThat(new Converters.DurationConverter().convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void durationWithoutUnit_isRejected_namingTheText() {
        assertThatThrownBy(() -> new Converters.DurationConverter().convert("10"))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("'10'");
    }

    @Test
    void zeroDuration_needsNoUnit() {
        assertThat(new Converters.DurationConverter().convert(" 0 ")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @CsvSource({"4MiB, 4194304", "512KiB, 524288", "1000, 1000", "2MB, 2000000"})
    void sizes_acceptBinaryAndDecimalUnits(String text, long bytes) {
        assertThat(new Converters.ByteSizeConverter().convert(text)).isEqualTo(bytes);
    }

    @Test
    void chaosOption_parsesKillWorker_andRejectsOtherText() {
        assertThat(new ChaosOption.Converter().convert("kill-worker=5").killWorkerEvery()).isEqualTo(5);
        assertThatThrownBy(() -> new ChaosOption.Converter().convert("kill-everything"))
                .hasMessageContaining("kill-everything");
    }
}
