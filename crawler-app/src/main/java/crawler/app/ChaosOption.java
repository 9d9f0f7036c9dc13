package crawler.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code --chaos kill-worker=N}: kill a worker process with SIGKILL after every N results. */
record ChaosOption(int killWorkerEvery) {

    static final ChaosOption NONE = new ChaosOption(0);

    static final class Converter implements CommandLine.ITypeConverter<ChaosOption> {
        private static final Pattern KILL = Pattern.compile("kill-worker=(\\d+)");

        @Override
        public ChaosOption convert(String value) {
            Matcher m = KILL.matcher(value.strip());
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a chaos setting; supported: kill-worker=N (N >= 1)");
            }
            return new ChaosOption(Integer.parseInt(m.group(1)));
        }
    }
}
