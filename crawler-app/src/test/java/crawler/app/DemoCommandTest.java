package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo}: every mode, each after a warm-up on its own substrate, checked against the ground truth. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @Test
    void everyModeCrawlsTheGroundTruth_afterAWarmUpOnItsOwnSubstrate() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            code = Main.commandLine().execute("demo", "--pages", "60", "--latency", "none", "--no-faults", "-c", "8",
                    "--out-dir", dir.toString());
        } finally {
            System.setOut(original);
        }
        String out = stdout.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out + stderr.text()).isZero();
        assertThat(out).contains("virtual  URL set equals the ground truth", "platform URL set equals the ground truth",
                "process  URL set equals the ground truth");
        for (String mode : new String[] {"virtual", "platform", "process"}) {
            assertThat(dir.resolve("results-" + mode + ".jsonl")).isNotEmptyFile();
            assertThat(dir.resolve("summary-" + mode + ".json")).isNotEmptyFile();
        }
        // The process mode's workers started once, for the warm-up, and the measured crawl reused them.
        assertThat(stderr.text()).containsOnlyOnce("process: workers started for the warm-up crawl");
        assertThat(Files.readString(dir.resolve("summary-process.json"))).containsPattern("\"workerStarts\"\\s*:\\s*0,");
        assertThat(Files.readAllLines(dir.resolve("results-process.jsonl"))).isNotEmpty()
                .allSatisfy(line -> assertThat(line).containsPattern("\"workerId\":[12][,}]"));
    }
}
