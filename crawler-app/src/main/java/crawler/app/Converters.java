package crawler.app;

import crawler.frontier.FrontierLimits;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Command-line value parsers for durations ("250ms", "10s", "2m"), byte sizes ("4MiB") and depths ("inf"). */
final class Converters {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|GiB|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    private Converters() {
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.equals("0")) { // zero needs no unit; "--host-delay 0" is what people type
                return Duration.ZERO;
            }
            Matcher m = DURATION.matcher(v);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration: write a whole number with a unit, e.g. 250ms, 10s, 2m, 1h (or 0)");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }

    static final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.strip());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a size: write e.g. 4MiB, 512KiB or a number of bytes");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
            long factor = switch (unit) {
                case "kib" -> 1L << 10;
                case "mib" -> 1L << 20;
                case "gib" -> 1L << 30;
                case "kb" -> 1_000L;
                case "mb" -> 1_000_000L;
                case "gb" -> 1_000_000_000L;
                default -> 1L;
            };
            return Math.multiplyExact(n, factor);
        }
    }

    /** A link distance: a whole number, or {@code inf} for no limit (as wget's {@code -l inf}). */
    static final class DepthConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.equals("inf") || v.equals("unlimited")) {
                return FrontierLimits.UNLIMITED_DEPTH;
            }
            try {
                int d = Integer.parseInt(v);
                if (d >= 0) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a depth: write a whole number >= 0, or inf for no limit");
        }
    }
}
