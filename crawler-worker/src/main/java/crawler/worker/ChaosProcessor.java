package crawler.worker;

import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.Chaos;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page processor that injects the faults of a {@link Chaos} setting into the real one: the
 * {@code oomAt}-th task to start in this process exhausts the heap for real, the
 * {@code errorAt}-th throws an {@link InternalError}. Every other task goes straight to the
 * delegate. Used the same way in every mode: by each worker JVM in process mode, by the crawler's
 * own JVM in the thread modes, so that what follows the fault is the substrate's doing alone.
 *
 * <p>The heap exhaustion is not simulated: the task allocates 1 MiB arrays and keeps them in a
 * field of this (process-wide, shared) object until the JVM throws {@link OutOfMemoryError}, so
 * the memory stays taken after the Error, as with a leak. How far that goes is bounded only by
 * the JVM's {@code -Xmx}: run it with a small heap.
 *
 * <p>Thread-safe, like every {@link PageProcessor}: tasks are counted with an atomic counter.
 */
public final class ChaosProcessor implements PageProcessor {

    private static final int CHUNK_LONGS = 128 * 1024; // 1 MiB per array

    private final PageProcessor delegate;
    private final Chaos chaos;
    private final PrintStream log;
    private final AtomicInteger started = new AtomicInteger();
    /** Memory the leaking task keeps: reachable from here, so no GC can give it back. */
    private final List<long[]> leaked = new ArrayList<>();

    public ChaosProcessor(PageProcessor delegate, Chaos chaos, PrintStream log) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.chaos = Objects.requireNonNull(chaos, "chaos");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** {@code processor} itself when {@code chaos} injects nothing, else the processor wrapped. */
    public static PageProcessor wrap(PageProcessor processor, Chaos chaos, PrintStream log) {
        return chaos.active() ? new ChaosProcessor(processor, chaos, log) : processor;
    }

    /**
     * @throws OutOfMemoryError on the {@code oomAt}-th task
     * @throws InternalError    on the {@code errorAt}-th task
     */
    @Override
    public PageResult process(PageTask task) {
        int n = started.incrementAndGet();
        if (n == chaos.oomAt()) {
            log.println("chaos: task " + n + " (" + task.url() + ") allocates until OutOfMemoryError, max heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
            log.flush();
            exhaustHeap();
        }
        if (n == chaos.errorAt()) {
            log.println("chaos: task " + n + " (" + task.url() + ") throws InternalError");
            log.flush();
            throw new InternalError("chaos: simulated fatal error in task " + n + " (" + task.url() + ")");
        }
        return delegate.process(task);
    }

    /** Ends only by OutOfMemoryError: every array stays reachable from {@link #leaked}. */
    private void exhaustHeap() {
        while (true) {
            long[] chunk = new long[CHUNK_LONGS];
            synchronized (leaked) {
                leaked.add(chunk);
            }
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
