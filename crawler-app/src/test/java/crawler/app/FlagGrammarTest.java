package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.fixtures.Latency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One grammar for every flag: every option of every subcommand that takes a duration, a size or
 * a fixture latency (found from the command line's own model, so a new one cannot escape) reads
 * the same forms to the same value.
 */
class FlagGrammarTest {

    /** What kind of value an option takes, from its type and converter. */
    private enum Kind { DURATION, SIZE, LATENCY }

    private record Flag(String command, String name, Kind kind) {
        @Override
        public String toString() {
            return command + " " + name;
        }
    }

    /** Every duration, size and latency option of every subcommand. */
    private static List<Flag> flags() {
        List<Flag> out = new ArrayList<>();
        Main.commandLine().getSubcommands().forEach((command, sub) -> {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                Class<?> type = o.typeInfo().isMultiValue() ? o.typeInfo().getAuxiliaryTypes()[0] : o.type();
                boolean size = o.converters() != null && Stream.of(o.converters()).anyMatch(c -> c instanceof Converters.ByteSizeConverter);
                Kind kind = size ? Kind.SIZE : type == Duration.class ? Kind.DURATION : type == Latency.class ? Kind.LATENCY : null;
                if (kind != null) {
                    out.add(new Flag(command, o.longestName(), kind));
                }
            }
        });
        return out;
    }

    /** The same text, the same value, whatever the flag. */
    static Stream<Arguments> forms() {
        List<Arguments> rows = new ArrayList<>();
        for (Flag f : flags()) {
            switch (f.kind()) {
                case DURATION, LATENCY -> {
                    rows.add(Arguments.of(f, "90", Duration.ofSeconds(90)));
                    rows.add(Arguments.of(f, "90s", Duration.ofSeconds(90)));
                    rows.add(Arguments.of(f, "1.5s", Duration.ofMillis(1500)));
                    rows.add(Arguments.of(f, "250ms", Duration.ofMillis(250)));
                    rows.add(Arguments.of(f, "1m30s", Duration.ofSeconds(90)));
                }
                case SIZE -> {
                    rows.add(Arguments.of(f, "4096", 4096L));
                    rows.add(Arguments.of(f, "4k", 4096L));
                    rows.add(Arguments.of(f, "4KiB", 4096L));
                    rows.add(Arguments.of(f, "4KB", 4000L));
                    rows.add(Arguments.of(f, "1M", 1L << 20));
                    rows.add(Arguments.of(f, "1GB", 1_000_000_000L));
                }
            }
        }
        return rows.stream();
    }

    private static Object parse(Flag f, String value) {
        CommandLine.ParseResult r = Main.commandLine().parseArgs(f.command(), f.name(), value);
        Object v = r.subcommand().matchedOptionValue(f.name(), null);
        if (v instanceof List<?> l) {
            v = l.getFirst();
        }
        // A bench latency is a duration already; a fixture latency says its duration when fixed.
        return v instanceof Latency.Fixed fixed ? fixed.d() : v;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void everyDurationAndSizeFlag_readsTheSameForms(Flag flag, String text, Object expected) {
        assertThat(parse(flag, text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flags")
    void everyDurationAndSizeFlag_refusesWhatIsNeither_namingTheText(Flag flag) {
        assertThatThrownBy(() -> parse(flag, "soon")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'soon'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flags")
    void theFlagsThatTakeALatency_alsoReadTheFixtureSpec(Flag flag) {
        if (flag.kind() == Kind.LATENCY || flag.name().contains("latenc")) {
            assertThat(parse(flag, "fixed:200ms")).isEqualTo(Duration.ofMillis(200));
        }
    }

    @org.junit.jupiter.api.Test
    void theFlagsChecked_includeEverySubcommandsDurationsSizesAndLatencies() {
        assertThat(flags()).map(Flag::toString).contains("crawl --max-time", "crawl --read-timeout", "crawl --max-body",
                "bench --max-time", "bench --budget", "bench --latency", "bench --sweep-latencies", "compare --max-time",
                "demo --latency", "serve-fixtures --latency", "serve-fixtures --crawl-delay", "serve-fixtures --text-bytes",
                "isolate --timeout");
    }
}
