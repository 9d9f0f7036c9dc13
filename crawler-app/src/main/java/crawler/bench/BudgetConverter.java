package crawler.bench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses {@code --budget}: {@code 90s}, {@code 3m}, {@code 2m30s}, {@code 1h}. Stateless. */
final class BudgetConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (value.isBlank() || !m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; expected e.g. 90s, 3m, 2m30s");
        }
        Duration d = Duration.ofHours(part(m, 1)).plusMinutes(part(m, 2)).plusSeconds(part(m, 3));
        if (d.isZero()) {
            throw new CommandLine.TypeConversionException("--budget must be above zero, was '" + value + "'");
        }
        return d;
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }
}
