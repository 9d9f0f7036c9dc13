package crawler.bench.render;

import crawler.bench.run.Reference;
import crawler.bench.run.WholeProcessRun;
import crawler.bench.probe.TreeUsage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The reference rows of the I/O-bound table and their notes: wget2 measured, or why not. Pure
 * functions of the {@link Reference}s, so the terminal, Markdown and HTML agree.
 */
public final class ReferenceRows {

    /** The last column of a reference row: not a cell of the grid, never marked fastest. */
    public static final String MARK = "ref";

    private ReferenceRows() {
    }

    /** Rows in the I/O-bound table's columns, one per measured or failed run. */
    public static List<String[]> rows(List<Reference> refs, int columns) {
        List<String[]> rows = new ArrayList<>();
        for (Reference ref : refs) {
            if (ref instanceof Reference.Measured m) {
                rows.add(m.ok() ? row(m) : failed(m, columns));
            }
        }
        return rows;
    }

    private static String[] row(Reference.Measured m) {
        WholeProcessRun.Measured run = m.run();
        TreeUsage u = run.usage();
        boolean measured = u.measured();
        return new String[] {m.tool(), Integer.toString(m.concurrency()), "-", "-", Integer.toString(m.pages()),
                Fmt.seconds(run.wallMillis()), Fmt.rate(m.pagesPerSecond()), Fmt.ratio(m.efficiency()),
                Fmt.integer(run.peakInFlight()), run.cpuMillis() < 0 ? "-" : Fmt.seconds(run.cpuMillis()),
                measured ? Fmt.mb(u.peakPssKb()) : "-", measured ? Fmt.mb(u.peakRssKb()) : "-",
                measured ? Fmt.count(u.peakThreads()) : "-", measured ? Fmt.count(u.contextSwitches()) : "-", "n/a", "-", MARK};
    }

    private static String[] failed(Reference.Measured m, int columns) {
        String[] row = new String[columns];
        Arrays.fill(row, "");
        row[0] = m.tool();
        row[1] = Integer.toString(m.concurrency());
        row[columns - 1] = "FAILED";
        return row;
    }

    /** What the rows are, what each fetched against the ground truth, and the rows not run. */
    public static List<String> notes(List<Reference> refs) {
        List<String> notes = new ArrayList<>();
        refs.stream().filter(r -> r instanceof Reference.Measured).map(r -> (Reference.Measured) r).findFirst()
                .ifPresent(m -> notes.add(m.tool() + " (" + MARK + "): " + m.version() + ", a native C crawler on the same site, not a mode"
                        + " of this crawler: `" + m.command().replaceFirst("--max-threads=\\d+", "--max-threads=C") + "`; it crawls"
                        + " a site of the same pages recursively from its start page (ideal = max(ceil(pages / c), levels) x latency),"
                        + " timed as a whole process, spawn to exit"));
        for (Reference ref : refs) {
            String who = ref.tool() + (ref.concurrency() > 0 ? " c=" + ref.concurrency() : "");
            switch (ref) {
                case Reference.Measured m when !m.ok() -> notes.add(who + ": FAILED: " + m.failure());
                case Reference.Measured m -> notes.add(String.format(Locale.ROOT, "%s: %d levels, %,d requests; URL set %s%s", who,
                        m.levels(), m.run().requests(), m.urls().describe(),
                        m.run().exitCode() == 0 ? "" : "; exit status " + m.run().exitCode()));
                case Reference.NotRun n -> notes.add(who + ": " + n.why());
            }
        }
        return notes;
    }
}
