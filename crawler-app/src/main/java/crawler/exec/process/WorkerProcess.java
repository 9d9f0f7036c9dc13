package crawler.exec.process;

import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.MalformedMessageException;
import crawler.protocol.ToWorker;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM and the three threads that talk to it: a writer that feeds its stdin from a
 * queue (so {@link #send} never blocks on a full pipe), a reader that decodes its stdout, and a
 * drain that forwards its stderr prefixed with {@code [worker-N]}.
 *
 * <p>Thread-safe. All {@link Listener} calls for one process come from its reader thread, in
 * the order the lines were written, and {@link Listener#onEnd} is the last of them: every result
 * read before the pipe closed has been handed over before the end is reported.
 */
final class WorkerProcess {

    /** Receives what a worker says. Called from the worker's reader thread. */
    interface Listener {
        void onHello(WorkerProcess worker, FromWorker.Hello hello, long startupMs);

        void onStarted(WorkerProcess worker, FromWorker.Started started);

        void onResult(WorkerProcess worker, FromWorker.ResultMessage result);

        /** The worker dropped a URL it was asked to cancel; no result follows for it. */
        void onCancelled(WorkerProcess worker, FromWorker.Cancelled cancelled);

        /** The worker's first result arrived {@code spawnToResultMs} after it was spawned; called before its onResult. */
        void onFirstResult(WorkerProcess worker, long spawnToResultMs);

        /** The worker's stdout closed and the process exited; nothing more comes from it. */
        void onEnd(WorkerProcess worker, int exitCode);
    }

    private static final int BUFFER = 1 << 16;
    private static final int STDERR_TAIL_LINES = 20;
    /** After stdout EOF the process is normally gone within milliseconds; this only bounds a wedged exit. */
    private static final long EXIT_AFTER_EOF_MS = 10_000;
    private static final Line END = new Line(null);

    private final int workerId;
    private final int maxLineChars;
    private final Process process;
    private final long spawnNanos;
    private final Codec codec;
    private final Listener listener;
    private final PrintStream log;
    private final BlockingQueue<Line> outbox = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<FromWorker.Hello> hello = new CompletableFuture<>();
    private final List<Thread> threads;
    private volatile String fatal; // the worker's own last words, if it sent any
    private boolean resultSeen; // confined to the reader thread

    private record Line(String text) {
    }

    private WorkerProcess(int workerId, Process process, long spawnNanos, Codec codec, Listener listener,
            PrintStream log, int maxLineChars) {
        this.workerId = workerId;
        this.maxLineChars = maxLineChars;
        this.process = process;
        this.spawnNanos = spawnNanos;
        this.codec = codec;
        this.listener = listener;
        this.log = log;
        this.threads = List.of(
                daemon(this::writeLoop, "worker-" + workerId + "-stdin"),
                daemon(this::readLoop, "worker-" + workerId + "-stdout"),
                daemon(this::drainStderr, "worker-" + workerId + "-stderr"));
    }

    /**
     * Spawns a worker and queues its config as the first line of its stdin. A line longer than
     * {@code maxLineChars} on its stdout is a protocol error: the worker is killed, as if it crashed.
     */
    static WorkerProcess start(int workerId, WorkerLauncher launcher, ToWorker.Config config, Codec codec,
            Listener listener, PrintStream log, int maxLineChars) throws IOException {
        long spawnNanos = System.nanoTime();
        Process process = launcher.start();
        WorkerProcess worker = new WorkerProcess(workerId, process, spawnNanos, codec, listener, log, maxLineChars);
        worker.send(config);
        worker.threads.forEach(Thread::start);
        return worker;
    }

    int workerId() {
        return workerId;
    }

    long pid() {
        return process.pid();
    }

    /** Completes when the worker says hello; fails if it ends first. */
    CompletableFuture<FromWorker.Hello> hello() {
        return hello;
    }

    /** Queues a message for the worker's stdin; never blocks. Ignored once the input is closed. */
    void send(ToWorker message) {
        outbox.add(new Line(codec.encode(message)));
    }

    /** Queues Shutdown: the worker finishes what it holds and exits. Its stdin stays open (for cancels). */
    void shutdown() {
        send(new ToWorker.Shutdown());
    }

    /** Closes the worker's stdin after what is queued: the worker then abandons its work and exits at once. */
    void closeInput() {
        outbox.add(END);
    }

    /** SIGKILL. The reader thread then sees EOF and reports the end. */
    void kill() {
        process.destroyForcibly();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit; true if it has. */
    boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** Waits for the three stream threads to end; true if they all have. */
    boolean joinThreads(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !t.join(Duration.ofMillis(left))) {
                return false;
            }
        }
        return true;
    }

    /** The last lines the worker wrote to stderr, for error messages. */
    String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    private void writeLoop() {
        try (BufferedWriter stdin = new BufferedWriter(
                new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), BUFFER)) {
            while (true) {
                Line line = outbox.take();
                if (line == END) {
                    return;
                }
                stdin.write(line.text());
                stdin.newLine();
                if (outbox.isEmpty()) {
                    stdin.flush();
                }
            }
        } catch (IOException e) {
            // The worker died; its reader reports that. Nothing more can be written.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        try (Reader stdout = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            BoundedLineReader lines = new BoundedLineReader(stdout, maxLineChars);
            String line;
            while ((line = lines.readLine()) != null) {
                dispatch(line);
            }
        } catch (BoundedLineReader.LineTooLongException e) {
            // Not a message any version of the protocol writes: the worker is broken. Handled like its
            // crash (its URLs are handed out again), and the coordinator's heap is spared the line.
            log.println("[worker-" + workerId + "] protocol error: " + e.getMessage() + " on stdout; killing pid "
                    + pid());
            process.destroyForcibly();
        } catch (IOException e) {
            log.println("[worker-" + workerId + "] stdout read failed: " + e);
        }
        outbox.add(END); // lets the writer thread end even if nobody called shutdown()
        int exitCode = awaitExitCode();
        awaitStderrDrained();
        hello.completeExceptionally(new IllegalStateException("worker " + workerId + " (pid " + pid()
                + ") exited with " + exitCode + " before saying hello"
                + (fatal == null ? "" : ": " + fatal) + "; its stderr ends with:\n" + stderrTail()));
        listener.onEnd(this, exitCode);
    }

    private void dispatch(String line) {
        FromWorker message;
        try {
            message = codec.decodeFromWorker(line);
        } catch (MalformedMessageException e) {
            log.println("[worker-" + workerId + "] ignoring non-protocol line on stdout: " + e.getMessage());
            return;
        }
        switch (message) {
            case FromWorker.Hello h -> {
                if (h.pid() != pid()) {
                    log.println("[worker-" + workerId + "] says its pid is " + h.pid() + ", but the process started is "
                            + pid() + "; signals and the process tree may miss it");
                }
                long startupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawnNanos);
                listener.onHello(this, h, startupMs);
                hello.complete(h);
            }
            case FromWorker.Started s -> listener.onStarted(this, s);
            case FromWorker.ResultMessage r -> {
                if (!resultSeen) {
                    resultSeen = true;
                    listener.onFirstResult(this, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawnNanos));
                }
                listener.onResult(this, r);
            }
            case FromWorker.Cancelled c -> listener.onCancelled(this, c);
            case FromWorker.BatchDone ignored -> {
                // Completion is tracked per URL; the marker only matters to readers of the raw stream.
            }
            case FromWorker.Fatal f -> {
                fatal = f.message();
                log.println("[worker-" + workerId + "] fatal: " + f.message());
            }
        }
    }

    private int awaitExitCode() {
        try {
            if (!process.waitFor(EXIT_AFTER_EOF_MS, TimeUnit.MILLISECONDS)) {
                log.println("[worker-" + workerId + "] closed stdout but did not exit; killing pid " + pid());
                process.destroyForcibly();
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** So that an early death's error message carries the worker's last words. */
    private void awaitStderrDrained() {
        try {
            threads.get(2).join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainStderr() {
        try (BufferedReader stderr = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8), BUFFER)) {
            String line;
            while ((line = stderr.readLine()) != null) {
                log.println("[worker-" + workerId + "] " + line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            // Process gone; nothing left to forward.
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, error) -> {
            System.err.println(thread.getName() + " died: " + error);
            error.printStackTrace();
        });
        return t;
    }
}
