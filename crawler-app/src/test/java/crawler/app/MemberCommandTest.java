package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class MemberCommandTest {

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @Test
    void member_joiningAnotherMachineWithoutAnInterface_exitsWithUsage_beforeBinding() {
        int exit = Main.commandLine().execute("member", "--join", "10.1.2.3:5701", "--cluster-name", "t");
        assertThat(exit).isEqualTo(CrawlCommand.EXIT_USAGE);
        assertThat(stderr.text()).contains("--interface").doesNotContain("ready at");
    }

    @Test
    void crawl_joinOutsideClusterMode_isAUsageError() {
        int exit = Main.commandLine().execute("crawl", "--mode", "virtual", "--join", "127.0.0.1:5701",
                "http://localhost:1/");
        assertThat(exit).isEqualTo(CrawlCommand.EXIT_USAGE);
        assertThat(stderr.text()).contains("--mode cluster");
    }

    @Test
    void member_crawlMaxIdle_defaultsToADay_andReadsTheDurationGrammar() {
        MemberCommand byDefault = CommandLine.populateCommand(new MemberCommand());
        assertThat(byDefault.clusterConfig().crawlMaxIdle()).isEqualTo(Duration.ofHours(24));
        MemberCommand named = CommandLine.populateCommand(new MemberCommand(), "--crawl-max-idle", "1h30m");
        assertThat(named.clusterConfig().crawlMaxIdle()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void member_crawlMaxIdleUnderASecond_exitsWithUsage_beforeBinding() {
        int exit = Main.commandLine().execute("member", "--crawl-max-idle", "500ms", "--cluster-name", "t");
        assertThat(exit).isEqualTo(CrawlCommand.EXIT_USAGE);
        assertThat(stderr.text()).contains("--crawl-max-idle").doesNotContain("ready at");
    }
}
