package crawler.bench;

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
 * <p><b>Thread-safety:</b> started and stopped by one thread; samples on its own daemon thread.
 */
final class ProcessTreeProbe implements AutoCloseable {

    private final ProcFs proc;
    private final ProcessHandle root;
    private final Duration interval;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread sampler;

    // Written by the sampler thread only; read after join() (happens-before via join).
    private long peakPss;
    private long peakRss;
    private int peakThreads;
    private int peakProcesses;
    private int samples;
    private final Map<Long, Long> cpuByPid = new HashMap<>();
    private final Map<Long, long[]> switchesByTid = new HashMap<>();
    private long nextSwitchRead;
    private long switchCostNanos;

    private ProcessTreeProbe(ProcFs proc, ProcessHandle root, Duration interval) {
        this.proc = proc;
        this.root = root;
        this.interval = interval;
        this.sampler = Thread.ofPlatform().name("bench-probe").daemon(true).unstarted(this::loop);
    }

    /** Starts sampling {@code root} and its descendants every {@code interval}. */
    static ProcessTreeProbe start(ProcFs proc, ProcessHandle root, Duration interval) {
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

    private void sample() {
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
        if (now >= nextSwitchRead) {
            for (long pid : pids) {
                for (long[] s : proc.threadSwitches(pid)) {
                    switchesByTid.put(s[0], new long[] {s[1], s[2]});
                }
            }
            long cost = System.nanoTime() - now;
            switchCostNanos = cost;
            nextSwitchRead = System.nanoTime() + Math.max(interval.toNanos(), 10 * cost);
        }
        samples++;
        peakPss = Math.max(peakPss, pss);
        peakRss = Math.max(peakRss, rss);
        peakThreads = Math.max(peakThreads, threads);
        peakProcesses = Math.max(peakProcesses, alive);
    }

    /** Stops sampling (takes one last sample if the tree is still alive) and returns the figures. */
    TreeUsage finish() {
        stop.countDown();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (samples == 0) {
            return TreeUsage.NOT_MEASURED;
        }
        long vol = 0;
        long invol = 0;
        for (long[] s : switchesByTid.values()) {
            vol += s[0];
            invol += s[1];
        }
        long cpu = cpuByPid.values().stream().mapToLong(Long::longValue).sum();
        return new TreeUsage(peakPss, peakRss, peakThreads, vol, invol, cpu, peakProcesses, samples);
    }

    /** The cost of the last context-switch read, for diagnostics. */
    long lastSwitchReadNanos() {
        return switchCostNanos;
    }

    @Override
    public void close() {
        stop.countDown();
    }
}
