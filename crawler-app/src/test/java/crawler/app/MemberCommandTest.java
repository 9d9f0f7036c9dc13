package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemberCommandTest {

    @Test
    void member_joiningAnotherMachineWithoutAnInterface_exitsWithUsage_beforeBinding() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("member", "--join", "10.1.2.3:5701", "--cluster-name", "t");
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(CrawlCommand.EXIT_USAGE);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--interface").doesNotContain("ready at");
    }

    @Test
    void crawl_joinOutsideClusterMode_isAUsageError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("crawl", "--mode", "virtual", "--join", "127.0.0.1:5701",
                    "http://localhost:1/");
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(CrawlCommand.EXIT_USAGE);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--mode cluster");
    }
}
