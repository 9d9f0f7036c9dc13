package crawler.app;

import crawler.chaos.ChaosPlan;
import picocli.CommandLine;

/** {@code --chaos SPEC[,SPEC...]}: the option is read into a {@link ChaosPlan}, whose grammar it is. */
final class ChaosOption {

    private ChaosOption() {
    }

    /** Picocli's converter: a bad spec is a usage error quoting it. */
    static final class Converter implements CommandLine.ITypeConverter<ChaosPlan> {
        @Override
        public ChaosPlan convert(String value) {
            try {
                return ChaosPlan.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
