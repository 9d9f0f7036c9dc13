package crawler.bench.render;

import crawler.bench.judge.Stat;

import java.util.Locale;

/** Number formats shared by the reports, so the terminal, Markdown and HTML agree. */
public final class Fmt {

    private Fmt() {
    }

    public static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }

    /** Median with min-max, in seconds: {@code 1.23 (1.20-1.30)}; just the median for one run. */
    public static String secondsRange(Stat s) {
        if (s.min() == s.max()) {
            return seconds(s.median());
        }
        return seconds(s.median()) + " (" + seconds(s.min()) + "-" + seconds(s.max()) + ")";
    }

    public static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    public static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f", r);
    }

    /** Kilobytes as megabytes; "-" when not measured (negative). */
    public static String mb(double kb) {
        return kb < 0 ? "-" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    /** Kilobytes, readable: 512 kB, 12.3 MB. */
    public static String size(double kb) {
        if (Double.isNaN(kb)) {
            return "-";
        }
        return Math.abs(kb) >= 1024 ? String.format(Locale.ROOT, "%.1f MB", kb / 1024.0) : String.format(Locale.ROOT, "%.1f kB", kb);
    }

    /** A count, shortened: 950, 12.3k, 4.5M; "-" when not measured. */
    public static String count(double n) {
        if (n < 0 || Double.isNaN(n)) {
            return "-";
        }
        if (n >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        }
        if (n >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", n);
    }

    public static String integer(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A duration as the command line takes it: {@code 45s}, {@code 3m}, {@code 2m30s}. */
    public static String duration(java.time.Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
}
