package crawler.startup;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.process.WorkerLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every crawling JVM runs the same JIT and GC options, so modes differ only in their substrate. */
class CrawlJvmOptionsTest {

    private static final Path SCRIPT = Path.of("..", "crawler").toAbsolutePath().normalize();

    @Test
    void launcherScript_passesTheSameOptionsAsTheWorkers() throws IOException {
        Matcher m = Pattern.compile("(?m)^CRAWL_JVM_OPTIONS=\"([^\"]*)\"$").matcher(Files.readString(SCRIPT));
        assertThat(m.find()).as("CRAWL_JVM_OPTIONS in %s", SCRIPT).isTrue();
        assertThat(List.of(m.group(1).split(" "))).isEqualTo(CrawlJvmOptions.RUNTIME);
        assertThat(WorkerLauncher.WORKER_JVM_OPTIONS).containsSubsequence(CrawlJvmOptions.RUNTIME);
    }
}
