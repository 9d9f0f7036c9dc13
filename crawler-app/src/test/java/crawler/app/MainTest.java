package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MainTest {

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @Test
    void noSubcommand_printsUsageOnStderr_andExitsTwo() {
        assertThat(Main.commandLine().execute()).isEqualTo(2);
        assertThat(stderr.text()).contains("Usage: crawler").contains("crawl").contains("bench");
    }
}
