package crawler.app;

import crawler.fixtures.load.FixtureLoadProbe;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code crawler probe-fixtures}: how many requests per second the fixture site serves, so a
 * benchmark can tell the crawler's limits from the site's. A bounded closed-loop load of
 * virtual-thread clients on loopback.
 */
@Command(name = "probe-fixtures", mixinStandardHelpOptions = true,
        description = {"Load the fixture site and print requests/s (bounded in count and time).",
                "Options: --latency none|fixed:100ms|... --pages N --clients C --requests N --seconds S",
                "         --url http://localhost:PORT/ --pid SERVER_PID (probe a site served by another JVM,",
                "         e.g. './crawler serve-fixtures --port 8080 --no-faults', and read its RSS)"})
final class ProbeFixturesCommand implements java.util.concurrent.Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        try {
            FixtureLoadProbe.main(args.toArray(String[]::new));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("crawler: " + e.getMessage());
            return CrawlCommand.EXIT_USAGE;
        }
    }
}
