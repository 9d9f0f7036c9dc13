package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help of every subcommand, read from picocli's model of the real command line: every
 * option says what it does, and a default a description names is the one the code has.
 */
class HelpTextTest {

    /** "(default 25)", "default: 10s", "defaults to 4MiB" as written in descriptions. */
    private static final Pattern WRITTEN_DEFAULT = Pattern.compile("default(?:s to|:)? ([0-9][0-9A-Za-z.]*)\\b");

    @Test
    void everyOptionOfEverySubcommand_hasADescription() {
        List<String> bare = new ArrayList<>();
        for (CommandSpec command : commands()) {
            for (OptionSpec option : command.options()) {
                String text = String.join(" ", option.description()).strip();
                if (text.isEmpty()) {
                    bare.add(command.qualifiedName() + " " + option.longestName());
                }
            }
        }
        assertThat(bare).as("options without a description").isEmpty();
    }

    @Test
    void aDefaultWrittenIntoADescription_isTheOptionsRealDefault() {
        List<String> wrong = new ArrayList<>();
        for (CommandSpec command : commands()) {
            for (OptionSpec option : command.options()) {
                String text = String.join(" ", option.description());
                Matcher m = WRITTEN_DEFAULT.matcher(text);
                String real = option.defaultValue() != null ? option.defaultValue()
                        : option.initialValue() == null ? null : String.valueOf(option.initialValue());
                if (m.find() && !text.contains("${DEFAULT-VALUE}") && real != null && !real.equals(m.group(1))) {
                    wrong.add(command.qualifiedName() + " " + option.longestName() + ": says " + m.group(1)
                            + ", is " + real);
                }
            }
        }
        assertThat(wrong).as("descriptions naming a default the code does not have").isEmpty();
    }

    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine line, List<CommandSpec> into) {
        into.add(line.getCommandSpec());
        line.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
