package crawler.chaos;

import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.protocol.Chaos;
import java.io.PrintStream;
import java.util.Objects;
import crawler.page.ErrorKind;
import crawler.page.PageError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page processor that injects the faults of a {@link Chaos} setting into the real one: the
 * {@code oomAt}-th task to start in this process exhausts the heap for real, the
 * {@code errorAt}-th throws an {@link InternalError}, the {@code hangAt}-th hangs until cancelled. Every other task goes straight to the
 * delegate. Used the same way in every mode: by each worker JVM in process mode, by the crawler's
 * own JVM in the thread modes, so that what follows the fault is the substrate's doing alone.
 *
 * <p>The heap exhaustion is not simulated: the task allocates arrays and keeps them reachable from
 * a field of this (process-wide, shared) object until the JVM throws {@link OutOfMemoryError} even
 * for the smallest of them, so the memory stays taken after the Error, as with a leak. How far that goes is bounded only by
 * the JVM's {@code -Xmx}: run it with a small heap.
 *
 * <p>Thread-safe, like every {@link PageProcessor}: tasks are counted with an atomic counter.
 */
public final class ChaosProcessor implements PageProcessor {

    /** Chunk sizes in references: 1 MiB-ish arrays first, then ever smaller ones to fill the gaps. */
    private static final int[] CHUNK_SIZES = {256 * 1024, 16 * 1024, 256, 4};

    private final PageProcessor delegate;
    private final Chaos chaos;
    private final PrintStream log;
    private final AtomicInteger started = new AtomicInteger();
    /** Head of the memory the leaking task keeps: reachable from here, so no GC can give it back. */
    private volatile Object[] leaked;
    /** Threads in the hanging task, each released by a cancel of it. */
    private final Map<Thread, CountDownLatch> hanging = new ConcurrentHashMap<>();

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
        if (n == chaos.hangAt()) {
            log.println("chaos: task " + n + " (" + task.url() + ") hangs until cancelled");
            log.flush();
            return hangUntilCancelled(task);
        }
        return delegate.process(task);
    }

    /**
     * Waits, past every timeout, until this thread is cancelled: interrupted (thread modes, and the
     * worker's cancel) or its call cancelled ({@link #cancel}). Then it answers with a failure
     * without fetching: the canceller discards it and hands the URL out again.
     */
    private PageResult hangUntilCancelled(PageTask task) {
        CountDownLatch cancelled = hanging.computeIfAbsent(Thread.currentThread(), t -> new CountDownLatch(1));
        try {
            cancelled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hanging.remove(Thread.currentThread());
        }
        log.println("chaos: task for " + task.url() + " cancelled while hanging");
        Thread t = Thread.currentThread();
        return new PageResult(task.url(), task.url(), task.depth(), 0, null, 0, null, List.of(), null, 0, 0, 0,
                new PageError(ErrorKind.IO, "chaos: cancelled while hanging"), ProcessHandle.current().pid(),
                t.threadId(), t.getName(), t.isVirtual(), null);
    }

    /**
     * Ends only by OutOfMemoryError, and only once not even a tiny object fits: a 1 MiB array can
     * fail while the young generation still has room, so smaller and smaller chunks fill what is
     * left. Each chunk holds the previous one in its slot 0, a chain rooted in {@link #leaked}, so
     * keeping a chunk needs no allocation besides the chunk itself.
     */
    private void exhaustHeap() {
        Object[] head = leaked;
        OutOfMemoryError last = null;
        for (int size : CHUNK_SIZES) {
            try {
                while (true) {
                    Object[] chunk = new Object[size];
                    chunk[0] = head;
                    head = chunk;
                    leaked = head;
                }
            } catch (OutOfMemoryError e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public void cancel(Thread thread) {
        CountDownLatch hang = hanging.get(thread);
        if (hang != null) {
            hang.countDown();
        }
        delegate.cancel(thread);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
