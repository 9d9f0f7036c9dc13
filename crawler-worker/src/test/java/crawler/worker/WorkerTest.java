package crawler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fetch.FetchConfig;
import crawler.page.ErrorKind;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.MalformedMessageException;
import crawler.protocol.ToWorker;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's protocol loop, run in-process over pipes with a stand-in processor. */
class WorkerTest {

    private static final long WAIT_S = 10;
    private static final int WORKER_ID = 4;

    private final Codec codec = new Codec();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final BlockingQueue<String> outLines = new LinkedBlockingQueue<>();
    private final BlockingQueue<Throwable> threadDeaths = new LinkedBlockingQueue<>();
    private final Set<String> released = ConcurrentHashMap.newKeySet();
    private Writer stdin;

    @AfterEach
    void stop() {
        runner.shutdownNow();
    }

    private static PageResult page(PageTask task) {
        Thread t = Thread.currentThread();
        return new PageResult(task.url(), task.url(), task.depth(), 200, "text/html", 10, "t", List.of(), "00",
                1, 1, 1, null, ProcessHandle.current().pid(), t.threadId(), t.getName(), t.isVirtual(), null);
    }

    /** A processor that answers at once, except for URLs containing "block" (until released) and "throw". */
    private final class StandInProcessor implements PageProcessor {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blockedStarted = new CountDownLatch(1);
        volatile boolean closed;

        @Override
        public PageResult process(PageTask task) {
            if (task.url().contains("elsewhere")) {
                return page(new PageTask(task.url() + "/other", task.depth()));
            }
            if (task.url().contains("throw")) {
                throw new IllegalStateException("boom");
            }
            if (task.url().contains("block")) {
                blockedStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
                released.add(task.url());
            }
            return page(task);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private Future<Integer> start(Function<FetchConfig, PageProcessor> factory) throws IOException {
        Pipe in = Pipe.open();
        stdin = Channels.newWriter(in.sink(), StandardCharsets.UTF_8);
        BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(in.source()),
                StandardCharsets.UTF_8));
        OutputStream out = new LineSplitter(outLines);
        Worker worker = new Worker(factory, new PrintStream(new ByteArrayOutputStream(), true),
                (thread, error) -> threadDeaths.add(error));
        return runner.submit(() -> worker.run(reader, out));
    }

    private void send(ToWorker message) throws IOException {
        stdin.write(codec.encode(message) + "\n");
        stdin.flush();
    }

    private FromWorker next() throws InterruptedException, MalformedMessageException {
        String line = outLines.poll(WAIT_S, TimeUnit.SECONDS);
        assertThat(line).as("a line from the worker within %d s", WAIT_S).isNotNull();
        return codec.decodeFromWorker(line);
    }

    private List<FromWorker> next(int n) throws InterruptedException, MalformedMessageException {
        List<FromWorker> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(next());
        }
        return messages;
    }

    private static ToWorker.Config config(int threads) {
        return new ToWorker.Config(WORKER_ID, threads, FetchConfig.defaults());
    }

    private static List<PageTask> tasks(String... paths) {
        List<PageTask> tasks = new ArrayList<>();
        for (String p : paths) {
            tasks.add(new PageTask("http://127.0.0.1:1/" + p, 1));
        }
        return tasks;
    }

    @Test
    void batches_yieldOneStampedResultPerUrl_thenDone_onNamedPoolThreads() throws Exception {
        Future<Integer> run = start(c -> new StandInProcessor());
        send(config(3));
        assertThat(next()).isEqualTo(new FromWorker.Hello(ProcessHandle.current().pid(), WORKER_ID));

        send(new ToWorker.BatchMessage(1, tasks("a", "b", "c", "d")));
        send(new ToWorker.BatchMessage(2, tasks("e", "f")));
        List<FromWorker> messages = next(14); // per URL a started and a result, per batch a done
        send(new ToWorker.Shutdown());

        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
        Map<Long, List<String>> urlsByBatch = messages.stream()
                .filter(m -> m instanceof FromWorker.ResultMessage)
                .map(m -> (FromWorker.ResultMessage) m)
                .collect(Collectors.groupingBy(FromWorker.ResultMessage::batch,
                        Collectors.mapping(r -> r.result().url(), Collectors.toList())));
        assertThat(urlsByBatch.get(1L)).containsExactlyInAnyOrderElementsOf(
                tasks("a", "b", "c", "d").stream().map(PageTask::url).toList());
        assertThat(urlsByBatch.get(2L)).containsExactlyInAnyOrderElementsOf(
                tasks("e", "f").stream().map(PageTask::url).toList());
        List<FromWorker.ResultMessage> results = messages.stream()
                .filter(m -> m instanceof FromWorker.ResultMessage).map(m -> (FromWorker.ResultMessage) m).toList();
        assertThat(results).allSatisfy(r -> {
            assertThat(r.result().workerId()).isEqualTo(WORKER_ID);
            assertThat(r.result().threadName()).matches("worker-4-fetch-[0-2]");
        });
        for (FromWorker.ResultMessage r : results) {
            int started = messages.indexOf(new FromWorker.Started(r.batch(), r.result().url()));
            assertThat(started).as("started before result of %s", r.result().url())
                    .isBetween(0, messages.indexOf(r) - 1);
        }
        for (long batch : List.of(1L, 2L)) {
            int done = messages.indexOf(new FromWorker.BatchDone(batch));
            int lastResult = 0;
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i) instanceof FromWorker.ResultMessage r && r.batch() == batch) {
                    lastResult = i;
                }
            }
            assertThat(done).as("done of batch %d after its last result", batch).isGreaterThan(lastResult);
        }
        assertThat(outLines).isEmpty();
    }

    @Test
    void shutdown_finishesInFlightWork_beforeExitingZero() throws Exception {
        StandInProcessor processor = new StandInProcessor();
        Future<Integer> run = start(c -> processor);
        send(config(2));
        next();
        send(new ToWorker.BatchMessage(1, tasks("block-1")));
        assertThat(processor.blockedStarted.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        send(new ToWorker.Shutdown());

        processor.release.countDown();

        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
        List<FromWorker> messages = next(3);
        assertThat(messages.get(0)).isEqualTo(new FromWorker.Started(1, tasks("block-1").get(0).url()));
        assertThat(messages.get(1)).isInstanceOfSatisfying(FromWorker.ResultMessage.class,
                r -> assertThat(r.result().url()).isEqualTo(tasks("block-1").get(0).url()));
        assertThat(messages.get(2)).isEqualTo(new FromWorker.BatchDone(1));
        assertThat(processor.closed).isTrue();
    }

    @Test
    void stdinEof_abandonsBlockedWork_andReturnsPromptly() throws Exception {
        StandInProcessor processor = new StandInProcessor();
        Future<Integer> run = start(c -> processor);
        send(config(1));
        next();
        send(new ToWorker.BatchMessage(1, tasks("block-1", "a")));
        assertThat(processor.blockedStarted.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

        stdin.close();

        // The blocked fetch is never released: the worker must still return, by interrupting it.
        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
        assertThat(released).isEmpty();
        assertThat(processor.closed).isTrue();
    }

    @Test
    void stdinClosedAfterShutdown_abandonsBlockedWork_atOnce() throws Exception {
        StandInProcessor processor = new StandInProcessor();
        Future<Integer> run = start(c -> processor);
        send(config(1));
        next();
        send(new ToWorker.BatchMessage(1, tasks("block-1")));
        assertThat(processor.blockedStarted.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        send(new ToWorker.Shutdown());

        stdin.close(); // the coordinator gives up on this worker (or dies) during its grace

        // The blocked fetch is never released: the worker must not wait for it (up to its 5-minute limit).
        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
        assertThat(released).isEmpty();
        assertThat(processor.closed).isTrue();
    }

    @Test
    void cancel_ofARunningUrl_answersCancelledInsteadOfItsResult_andFreesItsThread() throws Exception {
        StandInProcessor processor = new StandInProcessor();
        Future<Integer> run = start(c -> processor);
        send(config(1));
        next();
        String blocked = tasks("block-1").get(0).url();
        String after = tasks("a").get(0).url();
        send(new ToWorker.BatchMessage(1, tasks("block-1", "a")));
        assertThat(processor.blockedStarted.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

        send(new ToWorker.Cancel(1, blocked));

        List<FromWorker> messages = next(5);
        assertThat(messages).containsExactly(new FromWorker.Started(1, blocked), new FromWorker.Cancelled(1, blocked),
                new FromWorker.Started(1, after), messages.get(3), new FromWorker.BatchDone(1));
        assertThat(messages.get(3)).isInstanceOfSatisfying(FromWorker.ResultMessage.class,
                r -> assertThat(r.result().url()).isEqualTo(after));
        assertThat(released).isEmpty();
        send(new ToWorker.Cancel(1, after)); // answered already: nothing more is said
        send(new ToWorker.Shutdown());
        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
        assertThat(outLines).isEmpty();
    }

    @Test
    void cancel_ofAQueuedUrl_isAnsweredAtOnce_andTheUrlNeverRuns() throws Exception {
        StandInProcessor processor = new StandInProcessor();
        Future<Integer> run = start(c -> processor);
        send(config(1));
        next();
        String queued = tasks("a").get(0).url();
        send(new ToWorker.BatchMessage(1, tasks("block-1", "a")));
        assertThat(processor.blockedStarted.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(next()).isEqualTo(new FromWorker.Started(1, tasks("block-1").get(0).url()));

        send(new ToWorker.Cancel(1, queued));
        assertThat(next()).isEqualTo(new FromWorker.Cancelled(1, queued));
        processor.release.countDown();

        List<FromWorker> messages = next(2);
        assertThat(messages.get(0)).isInstanceOfSatisfying(FromWorker.ResultMessage.class,
                r -> assertThat(r.result().url()).isEqualTo(tasks("block-1").get(0).url()));
        assertThat(messages.get(1)).isEqualTo(new FromWorker.BatchDone(1));
        send(new ToWorker.Shutdown());
        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
        assertThat(outLines).isEmpty();
    }

    @Test
    void firstLineNotConfig_isFatal() throws Exception {
        Future<Integer> run = start(c -> new StandInProcessor());

        send(new ToWorker.BatchMessage(1, tasks("a")));

        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_BAD_CONFIG);
        assertThat(next()).isInstanceOfSatisfying(FromWorker.Fatal.class,
                f -> assertThat(f.message()).contains("first message must be config"));
    }

    @Test
    void processorThatCannotBeBuilt_isFatal() throws Exception {
        Future<Integer> run = start(c -> {
            throw new IllegalArgumentException("no such proxy");
        });

        send(config(1));

        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_BAD_CONFIG);
        assertThat(next()).isInstanceOfSatisfying(FromWorker.Fatal.class,
                f -> assertThat(f.message()).contains("no such proxy"));
    }

    @Test
    void processorThatThrows_stillYieldsOneIoResult_andBatchDone() throws Exception {
        Future<Integer> run = start(c -> new StandInProcessor());
        send(config(1));
        next();

        send(new ToWorker.BatchMessage(5, tasks("throw")));

        assertThat(next()).isInstanceOf(FromWorker.Started.class);
        FromWorker result = next();
        assertThat(result).isInstanceOfSatisfying(FromWorker.ResultMessage.class, r -> {
            assertThat(r.result().url()).isEqualTo(tasks("throw").get(0).url());
            assertThat(r.result().error().kind()).isEqualTo(ErrorKind.IO);
            assertThat(r.result().error().message()).contains("boom");
            assertThat(r.result().workerId()).isEqualTo(WORKER_ID);
        });
        assertThat(next()).isEqualTo(new FromWorker.BatchDone(5));
        send(new ToWorker.Shutdown());
        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
        assertThat(threadDeaths).isEmpty();
    }

    @Test
    void processorAnsweringForAnotherUrl_yieldsIoResultForTheTaskUrl() throws Exception {
        Future<Integer> run = start(c -> new StandInProcessor());
        send(config(1));
        next();

        send(new ToWorker.BatchMessage(6, tasks("elsewhere")));

        assertThat(next()).isInstanceOf(FromWorker.Started.class);
        assertThat(next()).isInstanceOfSatisfying(FromWorker.ResultMessage.class, r -> {
            assertThat(r.result().url()).isEqualTo(tasks("elsewhere").get(0).url());
            assertThat(r.result().error().kind()).isEqualTo(ErrorKind.IO);
            assertThat(r.result().error().message()).contains("a result for " + tasks("elsewhere").get(0).url() + "/other");
        });
        send(new ToWorker.Shutdown());
        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void garbageOnStdin_isSkipped() throws Exception {
        Future<Integer> run = start(c -> new StandInProcessor());
        send(config(1));
        next();

        stdin.write("this is not json\n");
        send(new ToWorker.BatchMessage(1, tasks("a")));

        assertThat(next()).isEqualTo(new FromWorker.Started(1, tasks("a").get(0).url()));
        assertThat(next()).isInstanceOf(FromWorker.ResultMessage.class);
        assertThat(next()).isEqualTo(new FromWorker.BatchDone(1));
        send(new ToWorker.Shutdown());
        assertThat(run.get(WAIT_S, TimeUnit.SECONDS)).isZero();
    }

    /** Collects written bytes into lines. */
    private static final class LineSplitter extends OutputStream {
        private final BlockingQueue<String> lines;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        LineSplitter(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString(StandardCharsets.UTF_8));
                current.reset();
            } else {
                current.write(b);
            }
        }
    }
}
