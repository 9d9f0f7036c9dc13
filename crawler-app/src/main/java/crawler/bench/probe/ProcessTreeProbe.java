package crawler.bench.probe;


import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples a child process and all its descendants from {@code /proc} until stopped: peak summed
 * PSS and RSS, peak thread count, CPU time and context switches. The same probe watches every
 * mode, so the figures compare.
 *
 * <p>Context switches are summed per thread id over every thread ever seen, keeping each
 * thread's last reading, so threads that end before the crawl does still count (up to their last
 * sample). Reading {@code task/*}/status of thousands of threads costs the probe CPU, which it
 * shares with the crawl on a small machine; it is therefore read at most every
 * 10 x its own cost. CPU time is the last reading of each process's utime + stime.
 *
 * <p>A measurement <em>window</em> ({@link #beginWindow}, {@link #endWindow}) narrows the figures
 * to part of the tree's life, e.g. one measured crawl of a warm child that crawls several times:
 * full readings at both ends, CPU time and context switches as differences, peaks over the samples
 * in between.
 *
 * <p><b>Thread-safety:</b> started, windowed and stopped by one thread; samples on its own daemon
 * thread; readings are taken under the probe's lock.
 */
public final class ProcessTreeProbe {

    private final ProcFs proc;
    private final ProcessHandle root;
    private final Duration interval;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread sampler;

    // Guarded by this.
    private final Peaks whole = new Peaks();
    private Peaks window;
    private Map<Long, Long> windowCpuBase = Map.of();
    private Map<Long, long[]> windowSwitchBase = Map.of();
    private final Map<Long, Long> cpuByPid = new HashMap<>();
    private final Map<Long, long[]> switchesByTid = new HashMap<>();
    private long nextSwitchRead;

    /** Largest sums seen at one sample, over the whole run or over a window. */
    private static final class Peaks {
        long pss;
        long rss;
        int threads;
        int processes;
        int samples;

        public void see(long p, long r, int t, int alive) {
            samples++;
            pss = Math.max(pss, p);
            rss = Math.max(rss, r);
            threads = Math.max(threads, t);
            processes = Math.max(processes, alive);
        }
    }

    private ProcessTreeProbe(ProcFs proc, ProcessHandle root, Duration interval) {
        this.proc = proc;
        this.root = root;
        this.interval = interval;
        this.sampler = Thread.ofPlatform().name("bench-probe").daemon(true).unstarted(this::loop);
    }

    /** Starts sampling {@code root} and its descendants every {@code interval}. */
    public static ProcessTreeProbe start(ProcFs proc, ProcessHandle root, Duration interval) {
        ProcessTreeProbe p = new ProcessTreeProbe(proc, root, interval);
        p.sampler.start();
        return p;
    }

    private void loop() {
        try {
            do {
                sample();
            } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS) && root.isAlive());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void sample() {
        sample(false);
    }

    /** One reading of the tree; context switches too when due or {@code switchesNow}. */
    private void sample(boolean switchesNow) {
        List<Long> pids = new ArrayList<>();
        Stream.concat(Stream.of(root), root.descendants()).forEach(h -> pids.add(h.pid()));
        long pss = 0;
        long rss = 0;
        int threads = 0;
        int alive = 0;
        for (long pid : pids) {
            long[] mem = proc.memoryKb(pid);
            int t = proc.threads(pid);
            long cpu = proc.cpuMillis(pid);
            if (mem == null || t < 0 || cpu < 0) {
                continue; // exited between listing and reading
            }
            alive++;
            pss += mem[0];
            rss += mem[1];
            threads += t;
            cpuByPid.put(pid, cpu);
        }
        if (alive == 0) {
            return;
        }
        long now = System.nanoTime();
        if (switchesNow || now >= nextSwitchRead) {
            for (long pid : pids) {
                for (long[] s : proc.threadSwitches(pid)) {
                    switchesByTid.put(s[0], new long[] {s[1], s[2]});
                }
            }
            long cost = System.nanoTime() - now;
            nextSwitchRead = System.nanoTime() + Math.max(interval.toNanos(), 10 * cost);
        }
        whole.see(pss, rss, threads, alive);
        if (window != null) {
            window.see(pss, rss, threads, alive);
        }
    }

    /**
     * Starts a window now: a full reading becomes its baseline, and its peaks start from that
     * reading. A window already open is replaced.
     */
    public synchronized void beginWindow() {
        window = new Peaks();
        sample(true);
        windowCpuBase = new HashMap<>(cpuByPid);
        // Readings are replaced, never changed in place, so the arrays can be shared.
        windowSwitchBase = new HashMap<>(switchesByTid);
    }

    /**
     * Ends the window with a full reading and returns what it saw: peaks over its samples, CPU
     * time and context switches since {@link #beginWindow} (threads and processes new in the
     * window count from zero).
     *
     * @throws IllegalStateException if no window is open
     */
    public synchronized TreeUsage endWindow() {
        if (window == null) {
            throw new IllegalStateException("no window is open");
        }
        sample(true);
        Peaks w = window;
        window = null;
        return usage(w, windowCpuBase, windowSwitchBase);
    }

    /** Stops sampling (takes one last sample if the tree is still alive) and returns the figures. */
    public TreeUsage finish() {
        stop.countDown();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return usage(whole, Map.of(), Map.of());
        }
    }

    /**
     * The figures: peaks as seen, CPU time and context switches as the last readings less the
     * baselines (a process or thread missing from a baseline counts from zero).
     */
    private TreeUsage usage(Peaks peaks, Map<Long, Long> cpuBase, Map<Long, long[]> switchBase) {
        if (peaks.samples == 0) {
            return TreeUsage.NOT_MEASURED;
        }
        long cpu = 0;
        for (Map.Entry<Long, Long> e : cpuByPid.entrySet()) {
            cpu += e.getValue() - cpuBase.getOrDefault(e.getKey(), 0L);
        }
        long vol = 0;
        long invol = 0;
        for (Map.Entry<Long, long[]> e : switchesByTid.entrySet()) {
            long[] base = switchBase.getOrDefault(e.getKey(), new long[2]);
            vol += e.getValue()[0] - base[0];
            invol += e.getValue()[1] - base[1];
        }
        return new TreeUsage(peaks.pss, peaks.rss, peaks.threads, vol, invol, cpu, peaks.processes, peaks.samples);
    }
}
