package crawler.exec.cluster;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import crawler.exec.ExecEvent;
import crawler.exec.ResultListener;
import crawler.exec.process.WorkerLauncher;
import crawler.startup.WorkerHeap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The member JVMs a crawl with {@code --members N} runs beside its embedded member: N-1 children
 * of this JVM on 127.0.0.1, each running {@code crawler member} joined to the embedded member. As
 * children they sit inside the crawl's process tree, where the bench measures it. They are stopped
 * by pid when the crawl ends, by a shutdown hook on Ctrl-C or an exception that ends the JVM, and
 * they leave by themselves if this JVM dies outright (each watches its pid: {@code --parent-pid}).
 *
 * <p>Not thread-safe: started and closed by the executor's owner.
 */
final class ChildMembers implements AutoCloseable {

    /** The crawler's main class, whose {@code member} command each child runs. */
    static final String APP_MAIN = "crawler.app.Main";
    /** Longest wait for the cluster to hold every member: a member starts in about 2 s. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final int STDERR_LINES_KEPT = 20;

    private final List<Process> processes;
    private final Thread hook;

    private ChildMembers(List<Process> processes) {
        this.processes = List.copyOf(processes);
        this.hook = Thread.ofPlatform().name("stop-member-jvms").unstarted(this::stop);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code cluster.localMembers() - 1} member JVMs joined to {@code embedded} and returns
     * once the cluster holds that many data members besides it, each reported to {@code listener}
     * as a worker start-up.
     *
     * @param threads threads of each member, which size its heap
     * @throws IllegalStateException if a member exits or the cluster is not complete within
     *                               {@link #READY_TIMEOUT}; the members started are stopped first
     */
    static ChildMembers start(ClusterConfig cluster, HazelcastInstance embedded, int threads, long maxBodyBytes,
                              ResultListener listener, PrintStream log) {
        int wanted = cluster.localMembers();
        long t0 = System.nanoTime();
        Address at = embedded.getCluster().getLocalMember().getAddress();
        List<String> jvmOptions = new ArrayList<>(List.of(WorkerHeap.option(threads, maxBodyBytes)));
        if (Runtime.version().feature() >= 23) {
            jvmOptions.add("--sun-misc-unsafe-memory-access=allow"); // Hazelcast's warnings stay off the terminal
        }
        List<String> arguments = List.of("member", "--cluster-name", cluster.clusterName(),
                "--port", Integer.toString(at.getPort() + 1), "--join", at.getHost() + ":" + at.getPort(),
                "--crawl-max-idle", cluster.crawlMaxIdle().toSeconds() + "s",
                "--parent-pid", Long.toString(ProcessHandle.current().pid()));
        WorkerLauncher launcher = WorkerLauncher.forAppCommand(jvmOptions, APP_MAIN, arguments);

        Object changed = new Object();
        MembershipListener wake = new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                wakeAll(changed);
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                wakeAll(changed);
            }
        };
        UUID registration = embedded.getCluster().addMembershipListener(wake);
        List<Process> started = new ArrayList<>();
        List<Deque<String>> stderr = new ArrayList<>();
        ChildMembers children = null;
        try {
            for (int i = 1; i < wanted; i++) {
                Process p = launcher.start();
                started.add(p);
                Deque<String> tail = new ArrayDeque<>();
                stderr.add(tail);
                drain(p.getInputStream(), null, p.pid(), log);
                drain(p.getErrorStream(), tail, p.pid(), log);
                p.onExit().thenRun(() -> wakeAll(changed));
            }
            children = new ChildMembers(started);
            awaitDataMembers(embedded, wanted, started, stderr, changed);
        } catch (IOException | RuntimeException e) {
            if (children != null) {
                children.close();
            } else {
                started.forEach(Process::destroyForcibly);
            }
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("could not start the cluster's member JVMs: " + e, e);
        } finally {
            embedded.getCluster().removeMembershipListener(registration);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        for (int i = 0; i < started.size(); i++) {
            listener.onEvent(new ExecEvent.WorkerStarted(i + 1, started.get(i).pid(), millis));
        }
        return children;
    }

    private static void awaitDataMembers(HazelcastInstance embedded, int wanted, List<Process> started,
                                         List<Deque<String>> stderr, Object changed) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        synchronized (changed) {
            while (dataMembers(embedded) < wanted) {
                for (int i = 0; i < started.size(); i++) {
                    if (!started.get(i).isAlive()) {
                        throw new IllegalStateException("member JVM pid " + started.get(i).pid() + " exited ("
                                + started.get(i).exitValue() + ") before it joined the cluster: "
                                + String.join(" | ", copy(stderr.get(i))));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the cluster has " + dataMembers(embedded) + " of " + wanted
                            + " members after " + READY_TIMEOUT.toSeconds() + " s (--members " + wanted + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the member JVMs joined the cluster", e);
                }
            }
        }
    }

    private static long dataMembers(HazelcastInstance embedded) {
        return Members.dataMembers(embedded).size();
    }

    private static void wakeAll(Object monitor) {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private static List<String> copy(Deque<String> tail) {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /**
     * Reads a member's stream to its end so the member never blocks on a full pipe: stdout (its
     * ready line) is dropped, stderr goes to the crawl's log, its last lines kept for an error.
     */
    private static void drain(InputStream in, Deque<String> tail, long pid, PrintStream log) {
        Thread.ofVirtual().name("member-" + pid + (tail == null ? "-stdout" : "-stderr")).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (tail != null) {
                        log.println("crawler: member pid " + pid + ": " + line);
                        synchronized (tail) {
                            tail.addLast(line);
                            if (tail.size() > STDERR_LINES_KEPT) {
                                tail.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the member is gone; its exit is seen by whoever waits for it
            }
        });
    }

    /** Stops every member (SIGTERM, then SIGKILL after a bounded wait) and waits for them to exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is stopping them already
        }
        stop();
    }

    private void stop() {
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
