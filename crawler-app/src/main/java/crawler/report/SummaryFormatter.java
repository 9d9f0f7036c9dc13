package crawler.report;

import crawler.exec.Mode;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a {@link CrawlSummary} into the few lines printed at the end of a crawl. Pure. */
public final class SummaryFormatter {

    private SummaryFormatter() {
    }

    public static String format(CrawlSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "crawl %s: mode=%s concurrency=%d%s batch=%d%n",
                s.stopReason().name().toLowerCase(Locale.ROOT), s.mode().label(), s.concurrency(),
                s.workers() > 0 ? " workers=" + s.workers() : "", s.batchSize()));
        b.append(String.format(Locale.ROOT, "  pages %d: ok %d, failed %d%s%n", s.pages(), s.ok(), s.failed(),
                s.abandoned() > 0 ? ", abandoned in flight " + s.abandoned() : ""));
        if (s.resumed() > 0) {
            b.append(String.format(Locale.ROOT, "  resumed: %d pages already in the results file, not fetched again%n",
                    s.resumed()));
        }
        if (!s.failuresByKind().isEmpty()) {
            b.append("  failures: ").append(join(s.failuresByKind())).append('\n');
        }
        b.append(String.format(Locale.ROOT, "  wall %.2f s, %.1f pages/s%n", s.wallMillis() / 1000.0, s.pagesPerSecond()));
        b.append("  pids: ").append(s.pids().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .append(" (coordinator ").append(s.coordinatorPid()).append(")\n");
        b.append("  threads per pid: ").append(join(s.threadsPerPid())).append(s.virtualThreadPages() > 0
                ? " (" + s.virtualThreadPages() + " pages on virtual threads)" : "").append('\n');
        if (s.workerStarts() == 1 && s.mode() == Mode.CLUSTER) {
            b.append(String.format(Locale.ROOT, "  member started in this JVM in %s ms%n", s.workerStartupMillis()));
        } else if (s.workerStarts() > 1 && s.mode() == Mode.CLUSTER) {
            b.append(String.format(Locale.ROOT, "  %d members started (one in this JVM, the others in its child JVMs)"
                    + " in %s ms%n", s.workerStarts(), s.workerStartupMillis()));
        } else if (s.workerStarts() > 0) {
            b.append(String.format(Locale.ROOT,
                    "  worker starts %d (ms spawn to hello: %s, to first result: %s), deaths %d, URLs re-handed %d%n",
                    s.workerStarts(), s.workerStartupMillis(), s.workerFirstResultMillis(), s.workerDeaths(),
                    s.requeued()));
        }
        if (!s.members().isEmpty()) {
            b.append("  hosts per member: ").append(s.members().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s: %d hosts, %d batches, %d pages", e.getKey(),
                            e.getValue().hosts(), e.getValue().batches(), e.getValue().pages()))
                    .collect(Collectors.joining("; "))).append('\n');
        }
        b.append("  frontier: ").append(join(s.admissions())).append('\n');
        if (!s.invalidLinks().isEmpty()) {
            b.append("  invalid links dropped: ").append(join(s.invalidLinks())).append('\n');
        }
        if (s.politenessNote() != null) {
            b.append("  paced by politeness: ").append(s.politenessNote()).append('\n');
        }
        if (s.robotsIgnored()) {
            b.append("  robots.txt was IGNORED (--ignore-robots)\n");
        }
        return b.toString();
    }

    /** Entries sorted by key, so the same summary always prints the same way. */
    private static String join(Map<?, ?> m) {
        return m.entrySet().stream().sorted(java.util.Comparator.comparing(e -> String.valueOf(e.getKey()))).map(e -> String.valueOf(e.getKey()).toLowerCase(Locale.ROOT) + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
