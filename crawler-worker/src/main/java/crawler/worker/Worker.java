package crawler.worker;

import crawler.chaos.ChaosProcessor;
import crawler.fetch.FetchConfig;
import crawler.page.FetchThreads;
import crawler.page.PageProcessor;
import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.MalformedMessageException;
import crawler.protocol.ToWorker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The worker's protocol loop: reads {@link ToWorker} lines, runs each batch's URLs on a fixed pool
 * of platform threads sharing one {@link PageProcessor}, and writes, per URL, a started notice
 * and a result, plus a batch-done marker after each batch's last result.
 *
 * <p>Lifecycle: the first line must be a {@link ToWorker.Config}; the worker then builds its
 * processor and pool and answers {@link FromWorker.Hello}. On {@link ToWorker.Shutdown} it finishes
 * the work it holds and returns 0, still reading its input. On EOF of its input (the coordinator is
 * gone, or gives up on this worker), before or after Shutdown, it cancels running work at once
 * (HTTP calls cancelled, threads interrupted), waits a short bound and returns 0. A
 * {@link ToWorker.Cancel} drops one URL: its call is cancelled and a {@link FromWorker.Cancelled}
 * is written in place of its result once its thread is free (at once if it had not started). A missing or bad config returns 2 after a
 * {@link FromWorker.Fatal}.
 *
 * <p>The URLs in hand (submitting, cancelling, answering) are a {@link BatchRunner}'s, one
 * {@link TaskRun} each; this class is the protocol loop and the worker's lifecycle.
 *
 * <p>Not thread-safe: {@link #run} is called once, from one thread.
 */
public final class Worker {

    /** Exit status when the worker could not start (bad or missing config). */
    public static final int EXIT_BAD_CONFIG = 2;

    /** How long in-flight work may run on after stdin EOF; the coordinator is gone, nobody reads the results. */
    static final Duration EOF_GRACE = Duration.ofSeconds(2);
    /** Upper bound on finishing queued work after Shutdown; the coordinator's own grace usually ends it sooner. */
    static final Duration SHUTDOWN_LIMIT = Duration.ofMinutes(5);
    /** How often the wait after Shutdown looks at its other two ends (stdin closed, the limit). */
    private static final Duration POLL = Duration.ofMillis(50);

    private final Function<FetchConfig, PageProcessor> processorFactory;
    private final Codec codec;
    private final PrintStream log;
    private final Thread.UncaughtExceptionHandler onThreadDeath;

    /**
     * @param processorFactory builds the one processor all fetch threads share
     * @param log              where diagnostics go (the process's stderr)
     * @param onThreadDeath    called when a fetch thread dies of an uncaught throwable; in a real
     *                         worker it halts the process so the coordinator requeues its work
     */
    public Worker(Function<FetchConfig, PageProcessor> processorFactory, PrintStream log,
            Thread.UncaughtExceptionHandler onThreadDeath) {
        this.processorFactory = Objects.requireNonNull(processorFactory, "processorFactory");
        this.codec = new Codec();
        this.log = Objects.requireNonNull(log, "log");
        this.onThreadDeath = Objects.requireNonNull(onThreadDeath, "onThreadDeath");
    }

    /** Runs the protocol until Shutdown or EOF; returns the process exit status. */
    public int run(BufferedReader in, OutputStream out) throws IOException {
        ProtocolWriter writer = new ProtocolWriter(codec, out, log);
        ToWorker.Config config = readConfig(in, writer);
        if (config == null) {
            return EXIT_BAD_CONFIG;
        }
        PageProcessor processor;
        try {
            processor = ChaosProcessor.wrap(processorFactory.apply(forThisWorker(config)), config.chaos(), log);
        } catch (RuntimeException e) {
            writer.send(new FromWorker.Fatal("cannot build page processor: " + e));
            return EXIT_BAD_CONFIG;
        }
        ExecutorService pool = newPool(config);
        try {
            writer.send(new FromWorker.Hello(ProcessHandle.current().pid(), config.workerId()));
            return serve(in, writer, new BatchRunner(config.workerId(), processor, pool, writer, log));
        } finally {
            processor.close();
            writer.flush();
        }
    }

    /** The fetch settings with this worker's own WARC files: each process writes its own, named by its id. */
    private static FetchConfig forThisWorker(ToWorker.Config config) {
        FetchConfig fetch = config.fetch();
        return fetch.warc() == null ? fetch : fetch.withWarc(fetch.warc().forWorker(config.workerId()));
    }

    private ToWorker.Config readConfig(BufferedReader in, ProtocolWriter writer) throws IOException {
        String line = in.readLine();
        if (line == null) {
            return null; // coordinator gone before it spoke: nothing to say, nobody to say it to
        }
        try {
            if (codec.decodeToWorker(line) instanceof ToWorker.Config config) {
                return config;
            }
            writer.send(new FromWorker.Fatal("first message must be config, was: " + line));
        } catch (MalformedMessageException e) {
            writer.send(new FromWorker.Fatal("first message must be config: " + e.getMessage()));
        }
        return null;
    }

    private int serve(BufferedReader in, ProtocolWriter writer, BatchRunner runner) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                log.println("stdin closed: coordinator gone, abandoning running work");
                runner.abandon();
                awaitQuietly(runner.pool(), EOF_GRACE);
                return 0;
            }
            switch (decode(line)) {
                case null -> {
                }
                case ToWorker.BatchMessage batch -> runner.run(batch);
                case ToWorker.Cancel cancel -> runner.cancel(cancel.batch(), cancel.url());
                case ToWorker.Config ignored -> log.println("ignoring repeated config");
                case ToWorker.Shutdown ignored -> {
                    return finishAfterShutdown(in, runner);
                }
            }
        }
    }

    /** The message on a stdin line, or null (logged) for a line that is not one. */
    private ToWorker decode(String line) {
        try {
            return codec.decodeToWorker(line);
        } catch (MalformedMessageException e) {
            log.println("ignoring line on stdin: " + e.getMessage());
            return null;
        }
    }

    /**
     * After Shutdown: the work in hand runs to its end while stdin is still read on another thread,
     * so that a Cancel still works and the end of the input (the coordinator gave up on this worker,
     * or died) abandons the work at once instead of leaving this process fetching unsupervised.
     */
    private int finishAfterShutdown(BufferedReader in, BatchRunner runner) {
        ExecutorService pool = runner.pool();
        pool.shutdown();
        AtomicLong eofAt = new AtomicLong();
        Thread stdin = new Thread(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    switch (decode(line)) {
                        case ToWorker.Cancel cancel -> runner.cancel(cancel.batch(), cancel.url());
                        case null -> {
                        }
                        default -> log.println("ignoring a message after shutdown: " + line);
                    }
                }
            } catch (IOException e) {
                log.println("stdin failed after shutdown: " + e);
            }
            log.println("stdin closed after shutdown: abandoning running work");
            eofAt.set(System.nanoTime());
            runner.abandon();
        }, "worker-stdin-after-shutdown");
        stdin.setDaemon(true);
        stdin.start();
        long limit = System.nanoTime() + SHUTDOWN_LIMIT.toNanos();
        // Polled in short slices: the pool's end, the input's end and the limit are three different waits.
        while (!awaitQuietly(pool, POLL)) {
            long eof = eofAt.get();
            if (eof != 0 && System.nanoTime() - eof > EOF_GRACE.toNanos()) {
                return 0;
            }
            if (System.nanoTime() > limit || Thread.currentThread().isInterrupted()) {
                log.println("work still running " + SHUTDOWN_LIMIT + " after shutdown; leaving it");
                runner.abandon();
                return 0;
            }
        }
        return 0;
    }

    private ExecutorService newPool(ToWorker.Config config) {
        return FetchThreads.pool(config.threads(),
                FetchThreads.platform("worker-" + config.workerId() + "-fetch-", onThreadDeath));
    }

    private static boolean awaitQuietly(ExecutorService pool, Duration limit) {
        try {
            return pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
