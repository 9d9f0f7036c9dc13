package crawler.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.Chaos;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The error fault in-process; heap exhaustion is exercised in worker JVMs by crawler-app's FaultIsolationTest. */
class ChaosProcessorTest {

    private final List<String> processed = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final PageProcessor delegate = new PageProcessor() {
        @Override
        public PageResult process(PageTask task) {
            processed.add(task.url());
            return new PageResult(task.url(), task.url(), task.depth(), 200, "text/html", 1, "t", List.of(), null, 0, 0,
                    1, null, 1, 1, "t", false, null);
        }

        @Override
        public void close() {
        }
    };

    @Test
    void errorAt_throwsInternalErrorOnThatTaskOnly_andPassesTheOthersThrough() {
        PageProcessor chaos = ChaosProcessor.wrap(delegate, new Chaos(0, 2), log);

        chaos.process(new PageTask("http://a.test/1", 0));
        assertThatThrownBy(() -> chaos.process(new PageTask("http://a.test/2", 0)))
                .isInstanceOf(InternalError.class)
                .hasMessage("chaos: simulated fatal error in task 2 (http://a.test/2)");
        chaos.process(new PageTask("http://a.test/3", 0));

        assertThat(processed).containsExactly("http://a.test/1", "http://a.test/3");
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("chaos: task 2 (http://a.test/2) throws InternalError");
    }

    @Test
    void noChaos_leavesTheProcessorUnwrapped() {
        assertThat(ChaosProcessor.wrap(delegate, Chaos.NONE, log)).isSameAs(delegate);
    }

    @Test
    void negativeCounts_areRejected_namingTheValue() {
        assertThatThrownBy(() -> new Chaos(-1, 0)).hasMessage("oomAt must be >= 0 (0 = off), was -1");
        assertThatThrownBy(() -> new Chaos(0, -2)).hasMessage("errorAt must be >= 0 (0 = off), was -2");
    }
}
