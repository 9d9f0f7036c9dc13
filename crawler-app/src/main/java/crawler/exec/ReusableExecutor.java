package crawler.exec;

import crawler.page.PageResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One execution substrate (thread pool, or worker JVMs) kept alive across several crawls, so a
 * crawl can start on a substrate another crawl has already warmed: JIT-compiled code, open
 * connections, started worker processes. {@code demo} uses it to warm every mode the same way
 * before measuring it; without it, the thread modes would run in a JVM warmed by an earlier crawl
 * while the process mode's workers started cold.
 *
 * <p>Each crawl {@link #attach}es and gets a view whose results go to that crawl's listener. When
 * the crawl ends with nothing outstanding, the view's {@code shutdown} only detaches, leaving the
 * substrate running for the next crawl. A crawl that ends with work outstanding (interrupted, out of
 * time, or URLs the watchdog gave up on) shuts the substrate down for real: its late results must
 * not leak into another crawl. The watchdog's other calls pass straight through.
 *
 * <p>Thread-safety: {@link #attach} and {@link #close} from one thread (the one running the crawls),
 * one crawl at a time; results arrive on executor threads.
 */
public final class ReusableExecutor implements AutoCloseable {

    private final Relay relay = new Relay();
    private final AtomicLong outstanding = new AtomicLong();
    private final BatchExecutor substrate;
    private boolean broken;

    /** Starts the substrate now (for process mode: the workers), with results relayed to whichever crawl is attached. */
    public ReusableExecutor(Function<ResultListener, BatchExecutor> factory) {
        this.substrate = Objects.requireNonNull(factory, "factory").apply(relay);
    }

    /**
     * The substrate as one crawl sees it; its results and events go to {@code listener}.
     *
     * @throws IllegalStateException if another crawl is attached, or an earlier crawl had to shut
     *                               the substrate down
     */
    public BatchExecutor attach(ResultListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (broken) {
            throw new IllegalStateException("the substrate was shut down by a crawl that ended with work outstanding");
        }
        if (relay.target != null) {
            throw new IllegalStateException("another crawl is attached");
        }
        relay.attach(listener);
        return new View();
    }

    @Override
    public void close() {
        substrate.close();
    }

    /**
     * Forwards to the attached crawl; counts results so a view knows whether work is outstanding.
     * Events from between crawls (the workers' start-up, while the substrate is built) are kept for
     * the next crawl to attach, so its summary still reports them.
     */
    private final class Relay implements ResultListener {
        volatile ResultListener target;
        private final List<ExecEvent> unclaimed = new ArrayList<>();

        synchronized void attach(ResultListener listener) {
            unclaimed.forEach(listener::onEvent);
            unclaimed.clear();
            target = listener;
        }

        @Override
        public void onResult(PageResult result) {
            outstanding.decrementAndGet();
            ResultListener t = target;
            if (t != null) {
                t.onResult(result);
            }
        }

        @Override
        public synchronized void onEvent(ExecEvent event) {
            ResultListener t = target;
            if (t != null) {
                t.onEvent(event);
            } else {
                unclaimed.add(event);
            }
        }
    }

    private final class View implements BatchExecutor {
        private boolean detached;
        /** The watchdog gave up on URLs: their results may still come, or never; either way the count is off. */
        private boolean gaveUp;

        @Override
        public void submit(Batch batch) {
            if (detached) {
                throw new IllegalStateException("this crawl has detached from the substrate");
            }
            outstanding.addAndGet(batch.tasks().size());
            substrate.submit(batch);
        }

        @Override
        public void shutdown(long graceMillis) {
            if (detached) {
                return;
            }
            detached = true;
            if (outstanding.get() != 0 || gaveUp) {
                broken = true;
                substrate.shutdown(graceMillis);
            }
            relay.target = null;
        }

        @Override
        public Map<String, String> holders(Collection<String> urls) {
            return substrate.holders(urls);
        }

        @Override
        public Set<String> rehand(Collection<String> urls) {
            return substrate.rehand(urls); // each re-handed URL still yields one result: the count holds
        }

        @Override
        public void giveUp(Collection<String> urls) {
            gaveUp = true;
            substrate.giveUp(urls);
        }
    }
}
