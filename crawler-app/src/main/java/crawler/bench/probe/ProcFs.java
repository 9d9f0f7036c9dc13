package crawler.bench.probe;


import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the few Linux {@code /proc} files the probe needs. Parsing is split from reading so it
 * can be tested on fixed text. A process or thread that vanishes between listing and reading is
 * not an error: the readers return null and the probe skips it.
 *
 * <p><b>Thread-safety:</b> stateless.
 */
public final class ProcFs {

    /** Clock ticks per second of utime/stime; 100 on every Linux the JDK supports (USER_HZ). */
    public static final int CLOCK_TICKS = 100;

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    public boolean available() {
        return Files.isReadable(root.resolve("self/status"));
    }

    /** {Pss kB, Rss kB} from smaps_rollup, or null. */
    public long[] memoryKb(long pid) {
        String text = read(root.resolve(pid + "/smaps_rollup"));
        if (text == null) {
            return null;
        }
        return new long[] {field(text, "Pss:"), field(text, "Rss:")};
    }

    /** OS threads of the process, or -1. */
    public int threads(long pid) {
        String text = read(root.resolve(pid + "/status"));
        return text == null ? -1 : (int) field(text, "Threads:");
    }

    /** utime + stime in milliseconds (all threads of the process, live and exited), or -1. */
    public long cpuMillis(long pid) {
        String text = read(root.resolve(pid + "/stat"));
        return text == null ? -1 : cpuMillisFromStat(text);
    }

    /**
     * The name ({@code comm}, at most 15 characters) of every live OS thread of the process, one
     * per thread id under {@code /proc/PID/task}; empty when the process is gone.
     */
    public List<String> threadNames(long pid) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                String name = read(task.resolve("comm"));
                if (name != null) {
                    out.add(name.strip());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process exited while we listed it: what we have is all there is.
        }
        return out;
    }

    /** {tid, voluntary, involuntary} for every live thread of the process. */
    public List<long[]> threadSwitches(long pid) {
        List<long[]> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                String text = read(task.resolve("status"));
                if (text != null) {
                    long tid = Long.parseLong(task.getFileName().toString());
                    out.add(new long[] {tid, field(text, "voluntary_ctxt_switches:"), field(text, "nonvoluntary_ctxt_switches:")});
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process exited while we listed it: what we have is all there is.
        }
        return out;
    }

    /**
     * {busy, total} clock ticks of the whole machine since boot, summed over every CPU, from the
     * first line of /proc/stat; null where unreadable. Busy is user, nice, system, irq, softirq and
     * steal; total adds idle and iowait.
     */
    public long[] machineTicks() {
        String text = read(root.resolve("stat"));
        if (text == null || !text.startsWith("cpu ")) {
            return null;
        }
        String[] f = text.substring(4, text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n')).trim().split("\\s+");
        long[] v = new long[8];
        for (int i = 0; i < v.length && i < f.length; i++) {
            v[i] = Long.parseLong(f[i]);
        }
        long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
        return new long[] {busy, busy + v[3] + v[4]};
    }

    /**
     * Clock ticks of CPU used by this process and by its children that have ended and been
     * waited for (fields 14 to 17 of /proc/self/stat: utime, stime, cutime, cstime), or -1. A
     * child's figure includes its own waited-for children, so a finished crawl counts with its
     * worker JVMs.
     */
    public long selfAndChildrenTicks() {
        String stat = read(root.resolve("self/stat"));
        if (stat == null) {
            return -1;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]) + Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3]);
    }

    /**
     * Clock ticks of CPU used by this process's children that have ended and been waited for
     * (fields 16 and 17 of /proc/self/stat: cutime, cstime), or -1. A child's figure includes its
     * own waited-for children, so the difference over one child's life is the CPU of its whole
     * tree, exact to the tick, with nothing lost between samples.
     */
    public long childrenTicks() {
        String stat = read(root.resolve("self/stat"));
        if (stat == null) {
            return -1;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3]);
    }

    /**
     * Fields 14 and 15 (utime, stime) of a /proc/PID/stat line, counted after the ')' that ends
     * the command name (which may itself hold spaces and parentheses).
     */
    public static long cpuMillisFromStat(String stat) {
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
        return ticks * 1000 / CLOCK_TICKS;
    }

    /** The number after {@code name} at the start of a line, or 0 when the line is missing. */
    public static long field(String text, String name) {
        int at = text.startsWith(name) ? 0 : text.indexOf("\n" + name);
        if (at < 0) {
            return 0;
        }
        int i = at + (at == 0 ? 0 : 1) + name.length();
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        long v = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            v = v * 10 + (text.charAt(i++) - '0');
        }
        return v;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
