package crawler.worker;

import crawler.fetch.FetchConfig;
import crawler.fetch.HttpPageProcessor;
import crawler.page.FetchThreads;
import crawler.page.PageProcessor;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Entry point of a worker process (process mode). Takes no arguments: its configuration is the
 * first line on stdin (a {@code config} message, see {@link crawler.protocol.ToWorker.Config}).
 * stdin carries coordinator messages, stdout carries only protocol lines, stderr carries logs.
 *
 * <p>The process never listens on a socket and exits when stdin reaches EOF, so it cannot
 * outlive its coordinator.
 */
public final class WorkerMain {

    private static final int BUFFER = 1 << 16;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        serve(HttpPageProcessor::new);
    }

    /**
     * Runs the worker protocol on this process's standard streams with processors from
     * {@code processorFactory}, then exits the JVM with the worker's status. Never returns.
     * Public so that a test can start a worker whose processor injects faults.
     */
    public static void serve(Function<FetchConfig, PageProcessor> processorFactory) {
        // The real stdout becomes private to the protocol before anything else can print: a stray
        // System.out.println from a library then lands on stderr instead of corrupting the channel.
        OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER);
        PrintStream log = System.err;
        System.setOut(log);
        Thread.UncaughtExceptionHandler haltOnThreadDeath = (thread, error) -> {
            try {
                log.println("fetch thread " + thread.getName() + " died; halting so the coordinator requeues: " + error);
                error.printStackTrace(log);
                log.flush();
            } finally {
                // Even if reporting fails (an exhausted heap cannot build the trace), the process must end.
                Runtime.getRuntime().halt(FetchThreads.EXIT_THREAD_DIED);
            }
        };
        int status;
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), BUFFER);
            status = new Worker(processorFactory, log, haltOnThreadDeath).run(in, protocol);
        } catch (IOException | RuntimeException e) {
            log.println("worker failed: " + e);
            e.printStackTrace(log);
            status = 1;
        }
        log.flush();
        // exit, not return: library threads (HTTP client, fetch pool) must not keep the JVM alive.
        System.exit(status);
    }
}
