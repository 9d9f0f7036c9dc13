package crawler.bench.probe;


import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link HandOff}: on the bench's word, times a token handed back and forth
 * between two threads of one kind, or echoes bytes so the bench can time the same hand-off between
 * two processes over a pipe. The bench decides the order, so the kinds' runs interleave.
 *
 * <p>The conversation, one command line at a time on stdin: {@code virtual} or {@code platform}
 * makes one run and answers {@code KIND HANDOFFS NANOS}; {@code pipe} answers {@code pipe}, then
 * writes back every byte it reads until a {@code \n}, which ends the echo (not echoed). End of
 * stdin ends the child.
 *
 * <p>The two threads block (park) while the other holds the token, so every hand-off wakes a
 * parked thread: for platform threads the kernel switches OS threads, for virtual threads the
 * JDK's scheduler unmounts one and mounts the other on a carrier.
 */
public final class HandOffChild {

    private HandOffChild() {
    }

    /** Arguments: {@code COUNT MILLIS}: hand-offs per run, and each run's time limit. */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long limitNanos = Long.parseLong(args[1]) * 1_000_000;
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        // Everything on stdin is for this JVM, so a buffer takes nothing that belongs to anyone else.
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
        for (String command = line(in); command != null; command = line(in)) {
            switch (command) {
                case "virtual", "platform" -> {
                    Thread.Builder builder = command.equals("virtual") ? Thread.ofVirtual().name("handoff-v-", 0)
                            : Thread.ofPlatform().name("handoff-p-", 0);
                    long[] done = pingPong(builder, count, limitNanos);
                    say(out, command + " " + done[0] + " " + done[1]);
                }
                case "pipe" -> {
                    say(out, "pipe");
                    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                        out.write(b);
                        out.flush();
                    }
                }
                default -> throw new IllegalArgumentException("unknown command: " + command);
            }
        }
    }

    /** One line of stdin without its end, or null at the end of input. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        for (; c >= 0 && c != '\n'; c = in.read()) {
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Two threads pass a token {@code count} times, or as many as fit in {@code limitNanos}.
     *
     * @return {hand-offs made, nanoseconds taken}
     */
    public static long[] pingPong(Thread.Builder builder, int count, long limitNanos) throws InterruptedException {
        // turn: hand-offs made so far; even means player 0 holds the token; -1 ends the round.
        AtomicInteger turn = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        Thread[] players = new Thread[2];
        long t0 = System.nanoTime();
        long deadline = t0 + limitNanos;
        for (int me = 0; me < 2; me++) {
            int self = me;
            players[me] = builder.unstarted(() -> play(self, players, turn, made, count, deadline));
        }
        players[0].start();
        players[1].start();
        players[0].join();
        players[1].join();
        return new long[] {made.get(), System.nanoTime() - t0};
    }

    private static void play(int me, Thread[] players, AtomicInteger turn, AtomicInteger made, int count, long deadline) {
        Thread other = players[1 - me];
        while (true) {
            int v;
            while ((v = turn.get()) >= 0 && (v & 1) != me) {
                LockSupport.park(turn);
            }
            if (v < 0) {
                LockSupport.unpark(other);
                return;
            }
            int next = v + 1;
            if (next >= count || System.nanoTime() > deadline) {
                made.set(next);
                turn.set(-1);
                LockSupport.unpark(other);
                return;
            }
            turn.set(next);
            LockSupport.unpark(other);
        }
    }
}
