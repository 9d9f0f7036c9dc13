package crawler.app;

import crawler.fixtures.Latency;
import crawler.frontier.FrontierLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Command-line value parsers, one grammar for every subcommand: durations ({@code 90},
 * {@code 90s}, {@code 1.5s}, {@code 250ms}, {@code 1m30s}), byte sizes ({@code 4M}, {@code 4MiB},
 * {@code 512k}, {@code 1GB}), depths ({@code 3}, {@code inf}) and fixture latencies (a duration, or
 * a spec: {@code none}, {@code fixed:200ms}, {@code uniform:50ms-150ms}, ...).
 */
public final class Converters {

    /** One or more number-unit pairs, largest unit first by convention (not enforced). */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    private Converters() {
    }

    /**
     * A duration: a number of seconds ({@code 90}, {@code 1.5}), or number-unit pairs with the
     * units {@code ms}, {@code s}, {@code m} and {@code h} ({@code 250ms}, {@code 1m30s}).
     */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (v.matches("\\d+(\\.\\d+)?")) { // a bare number is seconds, as in wget and curl
                    return nanos(new BigDecimal(v), 1_000_000_000L);
                }
                Matcher m = DURATION_PART.matcher(v);
                Duration total = Duration.ZERO;
                int at = 0;
                while (at < v.length() && m.find(at) && m.start() == at) {
                    long unitNanos = switch (m.group(2)) {
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        default -> 3_600_000_000_000L;
                    };
                    total = total.plus(nanos(new BigDecimal(m.group(1)), unitNanos));
                    at = m.end();
                }
                if (at == v.length() && at > 0) {
                    return total;
                }
            } catch (ArithmeticException tooLarge) {
                // falls through to the message below
            }
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a duration: write seconds (90, 1.5) or amounts with units, e.g. 250ms, 10s, 1m30s, 2h");
        }

        private static Duration nanos(BigDecimal amount, long unitNanos) {
            return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(unitNanos)).longValueExact());
        }
    }

    /**
     * A byte size: a number with an optional unit. {@code k}, {@code M}, {@code G} and
     * {@code KiB}, {@code MiB}, {@code GiB} are powers of 1024 (as wget and curl read {@code 4M});
     * {@code KB}, {@code MB}, {@code GB} are powers of 1000; no unit or {@code B} means bytes.
     */
    public static final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
            Long factor = m.matches() ? factor(m.group(2)) : null;
            if (factor != null) {
                try {
                    return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor))
                            .setScale(0, RoundingMode.CEILING).longValueExact();
                } catch (ArithmeticException tooLarge) {
                    // falls through to the message below
                }
            }
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a size: write bytes or a number with a unit, e.g. 512k, 4M, 4MiB (1024-based) or 1GB (1000-based)");
        }

        private static Long factor(String unit) {
            return switch (unit) {
                case "", "b" -> 1L;
                case "k", "kib" -> 1L << 10;
                case "m", "mib" -> 1L << 20;
                case "g", "gib" -> 1L << 30;
                case "kb" -> 1_000L;
                case "mb" -> 1_000_000L;
                case "gb" -> 1_000_000_000L;
                default -> null;
            };
        }
    }

    /**
     * A fixture site's response latency, as {@code demo}, {@code serve-fixtures} and {@code bench}
     * take it: a duration in the grammar above ({@code 200ms}, {@code 0.2}: a fixed latency;
     * {@code 0}: none), or a spec {@code none}, {@code fixed:200ms}, {@code uniform:50ms-150ms},
     * {@code lognormal:80ms,0.3}, {@code stragglers:20ms,2%,1500ms}.
     */
    public static Latency latency(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.contains(":") || v.equals("none")) {
            try {
                return Latency.parse(v);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
        Duration d;
        try {
            d = new DurationConverter().convert(v);
        } catch (CommandLine.TypeConversionException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a latency: write a duration (200ms, 0.2s)"
                    + " or a spec: none, fixed:200ms, uniform:50ms-150ms, lognormal:80ms,0.3, stragglers:20ms,2%,1500ms");
        }
        return d.isZero() ? new Latency.None() : new Latency.Fixed(d);
    }

    /** {@link #latency(String)} for picocli. */
    public static final class LatencyConverter implements CommandLine.ITypeConverter<Latency> {
        @Override
        public Latency convert(String value) {
            return latency(value);
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
