package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ConvertersTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"250ms, 250", "10s, 10000", "2m, 120000", "1h, 3600000", "90, 90000", "1.5s, 1500", "1.5, 1500",
            "1m30s, 90000", "1h2m3s, 3723000", "0, 0", "' 0 ', 0", "0ms, 0", "2M, 120000"})
    void durations_takeSecondsOrUnits(String text, long millis) {
        assertThat(new Converters.DurationConverter().convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ms", "10 s", "-5s", "1.s", "5d", "1m30", "s10", "99999999999999999999h"})
    void malformedDurations_areRejected_namingTheText(String text) {
        assertThatThrownBy(() -> new Converters.DurationConverter().convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"4MiB, 4194304", "512KiB, 524288", "1000, 1000", "2MB, 2000000", "4M, 4194304", "512k, 524288",
            "512K, 524288", "1GB, 1000000000", "1G, 1073741824", "1.5M, 1572864", "10B, 10", "'4 MiB', 4194304"})
    void sizes_acceptBinaryAndDecimalUnits(String text, long bytes) {
        assertThat(new Converters.ByteSizeConverter().convert(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "M", "4X", "-1", "4 M B", "99999999999G"})
    void malformedSizes_areRejected_namingTheText(String text) {
        assertThatThrownBy(() -> new Converters.ByteSizeConverter().convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "3, 3", "inf, 2147483647", "INF, 2147483647"})
    void depths_areWholeNumbersOrInf(String text, int depth) {
        assertThat(new Converters.DepthConverter().convert(text)).isEqualTo(depth);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "x", "2.5"})
    void malformedDepths_areRejected(String text) {
        assertThatThrownBy(() -> new Converters.DepthConverter().convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("'" + text + "'");
    }

    @Test
    void chaosOption_parsesKillWorker_andRejectsOtherText() {
        assertThat(new ChaosOption.Converter().convert("kill-worker=5").killWorkerEvery()).isEqualTo(5);
        assertThatThrownBy(() -> new ChaosOption.Converter().convert("kill-everything"))
                .hasMessageContaining("kill-everything");
    }
}
