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
 * child). Each kind runs {@link #ROUNDS} rounds of at most {@code count} hand-offs and
 * {@code limitMillis} each, after one unreported warm-up round.
 *
 * @param kind    "virtual", "platform" or "process"
 * @param perHandOffMicros microseconds per hand-off over the rounds: median, min, max
 * @param handOffs hand-offs in the first round
 */
public record HandOff(String kind, Stat perHandOffMicros, long handOffs) {

    /** Rounds per kind: enough for a min-max spread. */
    public static final int ROUNDS = 3;

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

    /**
     * Measures all three kinds in one child JVM.
     *
     * @param javaCommand {@code java} and the class path, as for every child of the bench
     */
    public static List<HandOff> measure(List<String> javaCommand, int count, long limitMillis) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.addAll(List.of(HandOffChild.class.getName(), Integer.toString(count), Long.toString(limitMillis)));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reaper = ChildCrawl.addReaper(child);
        List<HandOff> out = new ArrayList<>();
        try (InputStream in = child.getInputStream(); OutputStream to = child.getOutputStream()) {
            for (String kind : List.of("virtual", "platform")) {
                List<Double> micros = new ArrayList<>();
                long first = 0;
                for (int r = 1; r <= ROUNDS; r++) {
                    String[] f = line(in, child).split(" ");
                    if (!f[0].equals(kind)) {
                        throw new IOException("the hand-off child said '" + String.join(" ", f) + "', expected " + kind);
                    }
                    long n = Long.parseLong(f[2]);
                    first = r == 1 ? n : first;
                    micros.add(Long.parseLong(f[3]) / 1000.0 / Math.max(1, n));
                }
                out.add(new HandOff(kind, Stat.of(micros), first));
            }
            if (!"pipe".equals(line(in, child))) {
                throw new IOException("the hand-off child did not offer its pipe");
            }
            // A round trip is two hand-offs: bench to child, child to bench.
            pipeRound(in, to, count / 2, limitMillis);
            List<Double> micros = new ArrayList<>();
            long first = 0;
            for (int r = 1; r <= ROUNDS; r++) {
                long[] done = pipeRound(in, to, count / 2, limitMillis);
                first = r == 1 ? 2 * done[0] : first;
                micros.add(done[1] / 1000.0 / Math.max(1, 2 * done[0]));
            }
            out.add(new HandOff("process", Stat.of(micros), first));
        } finally {
            // Closing stdin ended the echo loop; the child exits by itself.
            child.waitFor(10, TimeUnit.SECONDS);
            ChildCrawl.stop(child, reaper);
        }
        return out;
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
