package crawler.app;

import crawler.startup.CachedHelp;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code crawler crawl|demo|bench|isolate|member|serve-fixtures}. */
@Command(name = "crawler", mixinStandardHelpOptions = true, version = "crawlbench 0.1.0",
        description = "A web crawler that compares virtual threads, platform threads and worker processes.",
        subcommands = {CrawlCommand.class, DemoCommand.class, crawler.bench.BenchCommand.class, crawler.bench.CompareCommand.class, IsolateCommand.class, MemberCommand.class, ServeFixturesCommand.class, ProbeFixturesCommand.class, BenchSessionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CrawlCommand.EXIT_USAGE;
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            // The build kept this text; printing it skips building every command's model.
            Optional<String> help = CachedHelp.forThisJar();
            if (help.isPresent()) {
                System.out.print(help.get());
                System.out.flush();
                System.exit(0);
            }
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line without running it; public for the start-up training run. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true); // picocli's exit code for bad usage is 2, like ours
    }
}
