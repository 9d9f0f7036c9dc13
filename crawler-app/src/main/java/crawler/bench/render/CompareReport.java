package crawler.bench.render;

import crawler.bench.plan.Contender;
import crawler.bench.plan.Scenario;
import crawler.bench.run.Comparison;
import crawler.bench.run.Wget2;
import crawler.bench.probe.Machine;
import crawler.bench.judge.Stat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown table of {@code crawler compare}: one row per scenario and figure, one column per
 * crawler, medians over the runs (with min-max when there were several), the fastest wall time in
 * bold and every other one also as a multiple of wget2's. Then the sites, the commands and how it
 * was measured. A pure function of a {@link Comparison.Result}.
 */
public final class CompareReport {

    private CompareReport() {
    }

    public static String render(Comparison.Result r, Machine machine, LocalDate date) {
        List<Contender> contenders = r.rows().stream().map(Comparison.Row::contender).distinct().toList();
        Set<Scenario> scenarios = new LinkedHashSet<>(r.rows().stream().map(Comparison.Row::scenario).toList());
        int runs = r.rows().stream().mapToInt(Comparison.Row::run).max().orElse(1);
        StringBuilder b = new StringBuilder();
        b.append("Measured ").append(date).append(" on ").append(machine.describe()).append("; ")
                .append(runs == 1 ? "one run per crawl" : runs + " runs per crawl, median (min-max)")
                .append(r.otherCpuShare() < 0 ? "" : String.format(Locale.ROOT, "; other processes used %.0f%% of the machine's CPU"
                        + " meanwhile", 100 * r.otherCpuShare()))
                .append(String.format(Locale.ROOT, "; the comparison took %.0f s.%n%n", r.elapsedMillis() / 1000.0));
        b.append("| crawl |");
        contenders.forEach(c -> b.append(' ').append(c.label()).append(" |"));
        b.append("\n|---|").append("---|".repeat(contenders.size())).append('\n');
        for (Scenario s : scenarios) {
            List<List<Comparison.Row>> cols = contenders.stream().map(c -> rows(r, s, c)).toList();
            Double wget2Wall = contenders.contains(Contender.WGET2) ? median(cols.get(contenders.indexOf(Contender.WGET2)),
                    x -> x.measured().wallMillis()) : null;
            Double best = cols.stream().map(rows -> median(rows, x -> x.measured().wallMillis())).filter(v -> v != null)
                    .min(Double::compare).orElse(null);
            line(b, s.label() + ": wall s, whole process", cols, rows -> {
                Double wall = median(rows, x -> x.measured().wallMillis());
                if (wall == null) {
                    return why(rows);
                }
                String v = range(rows, x -> x.measured().wallMillis(), 2);
                String shown = wall.equals(best) ? "**" + v + "**" : v;
                boolean isWget2 = rows.getFirst().contender() == Contender.WGET2;
                return shown + (wget2Wall == null || isWget2 ? "" : String.format(Locale.ROOT, " (%.1fx)", wall / wget2Wall));
            });
            line(b, s.label() + ": server's first to last request s", cols, rows -> seconds(rows, x -> x.measured().serverBusyMillis()));
            line(b, s.label() + ": CPU s, process tree", cols, rows -> seconds(rows, x -> x.measured().cpuMillis()));
            line(b, s.label() + ": peak RSS MB, process tree", cols, rows -> number(rows, x -> x.measured().usage().peakRssKb() / 1024.0));
            line(b, s.label() + ": peak requests in flight", cols, rows -> number(rows, x -> x.measured().peakInFlight()));
            line(b, s.label() + ": URL set", cols, CompareReport::urlSet);
        }
        b.append('\n');
        notes(b, r, scenarios, contenders);
        return b.toString();
    }

    private static List<Comparison.Row> rows(Comparison.Result r, Scenario s, Contender c) {
        return r.rows().stream().filter(x -> x.scenario().equals(s) && x.contender() == c).toList();
    }

    private static void line(StringBuilder b, String what, List<List<Comparison.Row>> cols,
                             java.util.function.Function<List<Comparison.Row>, String> cell) {
        b.append("| ").append(what).append(" |");
        for (List<Comparison.Row> rows : cols) {
            b.append(' ').append(rows.isEmpty() ? "" : cell.apply(rows).replace("|", "\\|")).append(" |");
        }
        b.append('\n');
    }

    /** The median over the runs that count; null when none does. */
    private static Double median(List<Comparison.Row> rows, ToDoubleFunction<Comparison.Row> f) {
        List<Double> v = rows.stream().filter(Comparison.Row::ok).map(f::applyAsDouble).toList();
        return v.isEmpty() ? null : Stat.of(v).median();
    }

    private static String range(List<Comparison.Row> rows, ToDoubleFunction<Comparison.Row> millis, int decimals) {
        Stat s = Stat.of(rows.stream().filter(Comparison.Row::ok).map(millis::applyAsDouble).toList());
        String f = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, f, s.median() / 1000);
        return s.min() == s.max() ? m : m + String.format(Locale.ROOT, " (" + f + "-" + f + ")", s.min() / 1000, s.max() / 1000);
    }

    private static String seconds(List<Comparison.Row> rows, ToDoubleFunction<Comparison.Row> millis) {
        return median(rows, millis) == null ? "-" : range(rows, millis, 2);
    }

    private static String number(List<Comparison.Row> rows, ToDoubleFunction<Comparison.Row> f) {
        Double m = median(rows, f);
        return m == null || m < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", m);
    }

    /** Why no run counts: the first failure, shortened. */
    private static String why(List<Comparison.Row> rows) {
        String f = rows.stream().map(Comparison.Row::failure).filter(x -> x != null).findFirst().orElse("not run");
        return f.equals(Wget2.HOW_TO_GET) ? "not installed (apt-get install wget2)" : "failed: " + f;
    }

    /** {@code = truth} when every run fetched the ground truth, else the first difference, in short. */
    private static String urlSet(List<Comparison.Row> rows) {
        List<Comparison.Row> measured = rows.stream().filter(x -> x.urls() != null).toList();
        if (measured.isEmpty()) {
            return "-";
        }
        return measured.stream().filter(x -> !x.urls().matches()).findFirst().map(x -> x.urls().brief())
                .orElse("= truth (" + String.format(Locale.ROOT, "%,d", measured.getFirst().urls().expected()) + ")");
    }

    private static void notes(StringBuilder b, Comparison.Result r, Set<Scenario> scenarios, List<Contender> contenders) {
        b.append("Sites (served on 127.0.0.1 by the fixture server in the comparing JVM, one host, robots.txt on, no crawl delay):\n\n");
        for (Scenario s : scenarios) {
            Comparison.Row any = r.rows().stream().filter(x -> x.scenario().equals(s)).findFirst().orElseThrow();
            b.append("- ").append(s.label()).append(": ").append(s.describeSite())
                    .append(any.ideal() < 0 ? "" : String.format(Locale.ROOT, "; ideal %.2f s (max(ceil(pages / C), levels) x latency)",
                            any.ideal() / 1000.0))
                    .append('\n');
        }
        b.append("\nCommands (C = the scenario's concurrency, URL = the site's start page, TMP deleted after each crawl):\n\n");
        for (Contender c : contenders) {
            b.append("- ").append(c.label()).append(": `").append(c.shownCommand()).append("`")
                    .append(c == Contender.WGET2 && r.wget2Version() != null ? " (" + r.wget2Version() + ")" : "")
                    .append(c != Contender.WGET2 && !r.launcher().launcher() ? " (run as java -cp ... crawler.app.Main: no ./crawler found)" : "")
                    .append('\n');
        }
        b.append("\nWall time runs from spawn to exit of the whole program. CPU is user + system time of its whole process tree"
                + " (the exited children this JVM waited for: exact). Peak RSS is the largest sum over the tree, sampled every 50 ms."
                + " Requests in flight and the first-to-last span are counted by the site itself. The URL set is what the site"
                + " was asked for (robots.txt and the sitemap aside), against the site's ground truth.\n");
        List<String> differing = new ArrayList<>();
        for (Comparison.Row x : r.rows()) {
            if (x.urls() != null && !x.urls().matches() && x.run() == 1) {
                differing.add("- " + x.scenario().label() + ", " + x.contender().label() + ": " + x.urls().describe());
            }
        }
        if (!differing.isEmpty()) {
            b.append("\nURL sets that differ from the ground truth (first run):\n\n").append(String.join("\n", differing)).append('\n');
        }
    }
}
