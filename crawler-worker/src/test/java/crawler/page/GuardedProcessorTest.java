package crawler.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedProcessorTest {

    private static final PageTask TASK = new PageTask("http://localhost:1/a", 2);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private GuardedProcessor guard(PageProcessor unit, GuardedProcessor.OnError onError) {
        return new GuardedProcessor(unit, onError, log);
    }

    private static PageProcessor unit(java.util.function.Function<PageTask, PageResult> body) {
        return new PageProcessor() {
            @Override
            public PageResult process(PageTask task) {
                return body.apply(task);
            }

            @Override
            public void close() {
            }
        };
    }

    private static PageResult ok(String url) {
        return new PageResult(url, url, 2, 200, "text/html", 10, "t", List.of(), "ab", 1, 1, 1, null, 1, 1, "x",
                false, null);
    }

    @Test
    void aResultForTheAskedUrl_passesUnchanged() {
        PageResult r = ok(TASK.url());

        assertThat(guard(unit(t -> r), GuardedProcessor.OnError.RESULT).process(TASK)).isSameAs(r);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRuntimeException_becomesAnIoResult_onThisThread_inEveryMode() {
        for (GuardedProcessor.OnError mode : GuardedProcessor.OnError.values()) {
            PageResult r = guard(unit(t -> {
                throw new IllegalStateException("boom");
            }), mode).process(TASK);

            assertThat(r.url()).isEqualTo(TASK.url());
            assertThat(r.depth()).isEqualTo(2);
            assertThat(r.error().kind()).isEqualTo(ErrorKind.IO);
            assertThat(r.error().message()).contains("boom");
            assertThat(r.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(r.threadId()).isEqualTo(Thread.currentThread().threadId());
        }
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("threw on " + TASK.url());
    }

    @Test
    void aResultForAnotherUrl_orNone_isRefused_asAnIoResultForTheAskedOne() {
        PageResult other = guard(unit(t -> ok("http://localhost:1/b")), GuardedProcessor.OnError.PROPAGATE).process(TASK);
        PageResult none = guard(unit(t -> null), GuardedProcessor.OnError.PROPAGATE).process(TASK);

        assertThat(other.url()).isEqualTo(TASK.url());
        assertThat(other.error().kind()).isEqualTo(ErrorKind.IO);
        assertThat(other.error().message()).contains("a result for http://localhost:1/b");
        assertThat(none.url()).isEqualTo(TASK.url());
        assertThat(none.error().message()).contains("returned null");
    }

    @Test
    void anError_isAWorkerCrashResult_inThreadModes() {
        PageResult r = guard(unit(t -> {
            throw new StackOverflowError();
        }), GuardedProcessor.OnError.RESULT).process(TASK);

        assertThat(r.error().kind()).isEqualTo(ErrorKind.WORKER_CRASH);
        assertThat(r.error().message()).contains("StackOverflowError").contains(Thread.currentThread().getName());
    }

    @Test
    void anError_goesOnUp_inAWorkerProcess() {
        GuardedProcessor guard = guard(unit(t -> {
            throw new StackOverflowError();
        }), GuardedProcessor.OnError.PROPAGATE);

        assertThatThrownBy(() -> guard.process(TASK)).isInstanceOf(StackOverflowError.class);
    }
}
