package crawler.bench.probe;

import crawler.bench.run.ChildCrawl;
import crawler.bench.judge.Stat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What it costs to switch from one unit of concurrency to another, timed directly (claim 7): a
 * token handed back and forth between two virtual threads, between two platform threads (both in
 * a child JVM, {@link HandOffChild}), and between two processes over a pipe (the bench and that
 * child). Each kind makes {@link #ROUNDS} runs of at most {@code count} hand-offs and
 * {@code limitMillis} each, after one unreported warm-up run. The kinds take turns, each round in
 * a rotated order ({@link #order}), so a burst of load on a shared machine falls on every kind
 * alike instead of on whichever ran its runs at that moment.
 *
 * @param kind    "virtual", "platform" or "process"
 * @param perHandOffMicros microseconds per hand-off over the runs: median, min, max
 * @param handOffs hand-offs in the first run
 */
public record HandOff(String kind, Stat perHandOffMicros, long handOffs) {

    /** Runs per kind: a min-max spread over five, so one lucky or unlucky run cannot decide. */
    public static final int ROUNDS = 5;
    /** The kinds, in the order of the first round. */
    public static final List<String> KINDS = List.of("virtual", "platform", "process");

    public HandOff {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(perHandOffMicros, "perHandOffMicros");
    }

    /** One line for the report, e.g. {@code virtual 1.8 us (1.7-2.0)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s us (%s-%s)", kind, us(perHandOffMicros.median()), us(perHandOffMicros.min()),
                us(perHandOffMicros.max()));
    }

    public static String us(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    /** The kinds in round {@code round} (from 0): {@link #KINDS} rotated by the round, so each kind leads in turn. */
    public static List<String> order(int round) {
        return Rounds.rotated(KINDS, round);
    }

    /**
     * Measures all three kinds with one child JVM.
     *
     * @param javaCommand {@code java} and the class path, as for every child of the bench
     */
    public static List<HandOff> measure(List<String> javaCommand, int count, long limitMillis) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.addAll(List.of(HandOffChild.class.getName(), Integer.toString(count), Long.toString(limitMillis)));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reaper = ChildCrawl.addReaper(child);
        java.util.Map<String, List<Double>> micros = new java.util.LinkedHashMap<>();
        java.util.Map<String, Long> first = new java.util.HashMap<>();
        try (InputStream in = child.getInputStream(); OutputStream to = child.getOutputStream()) {
            for (String kind : KINDS) {
                run(kind, in, to, child, count, limitMillis);
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (String kind : order(r)) {
                    long[] done = run(kind, in, to, child, count, limitMillis);
                    first.putIfAbsent(kind, done[0]);
                    micros.computeIfAbsent(kind, k -> new ArrayList<>()).add(done[1] / 1000.0 / Math.max(1, done[0]));
                }
            }
        } finally {
            // Closing stdin ended the command loop; the child exits by itself.
            child.waitFor(10, TimeUnit.SECONDS);
            ChildCrawl.stop(child, reaper);
        }
        List<HandOff> out = new ArrayList<>();
        for (String kind : KINDS) {
            out.add(new HandOff(kind, Stat.of(micros.get(kind)), first.get(kind)));
        }
        return out;
    }

    /** One run of one kind: {hand-offs made, nanoseconds}. */
    private static long[] run(String kind, InputStream in, OutputStream to, Process child, int count, long limitMillis)
            throws IOException {
        to.write(((kind.equals("process") ? "pipe" : kind) + "\n").getBytes(StandardCharsets.UTF_8));
        to.flush();
        if (kind.equals("process")) {
            if (!"pipe".equals(line(in, child))) {
                throw new IOException("the hand-off child did not offer its pipe");
            }
            // A round trip is two hand-offs: bench to child, child to bench.
            long[] trips = pipeRound(in, to, count / 2, limitMillis);
            to.write('\n');
            to.flush();
            return new long[] {2 * trips[0], trips[1]};
        }
        String[] f = line(in, child).split(" ");
        if (!f[0].equals(kind)) {
            throw new IOException("the hand-off child said '" + String.join(" ", f) + "', expected " + kind);
        }
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
    }

    /** Round trips of one byte: {round trips made, nanoseconds}. */
    private static long[] pipeRound(InputStream in, OutputStream to, int trips, long limitMillis) throws IOException {
        long t0 = System.nanoTime();
        long deadline = t0 + limitMillis * 1_000_000;
        int made = 0;
        while (made < Math.max(1, trips) && System.nanoTime() < deadline) {
            to.write('x');
            to.flush();
            if (in.read() < 0) {
                throw new IOException("the hand-off child closed its pipe");
            }
            made++;
        }
        return new long[] {made, System.nanoTime() - t0};
    }

    /** One line of the child's stdout, read byte by byte so no echo byte is taken in a buffer. */
    private static String line(InputStream in, Process child) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the hand-off child (pid " + child.pid() + ") ended early");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
