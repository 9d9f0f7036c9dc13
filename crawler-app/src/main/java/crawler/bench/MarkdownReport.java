package crawler.bench;

/** The Markdown summary: the terminal tables in code blocks, then the verdicts as a table. A pure function. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(BenchResult r) {
        StringBuilder b = new StringBuilder("# crawlbench: threads versus processes\n\n");
        b.append("Crawled the ").append(r.target()).append(" on ").append(r.machine().describe()).append("; ")
                .append(r.repeats()).append(r.repeats() == 1 ? " run" : " runs").append(" per cell, median with min-max. ")
                .append(TextReport.conditions(r)).append(".\n\n").append(TextReport.method(r)).append(".\n\n");
        for (Workload w : Workload.values()) {
            if (!r.cells(w).isEmpty()) {
                b.append("## ").append(w.title()).append("\n\n```\n").append(TextReport.table(w, r.cells(w), r)).append("```\n\n");
            }
        }
        b.append("## The seed's claims\n\n| # | claim | verdict | evidence | rule |\n|---|---|---|---|---|\n");
        for (Verdict v : Verdicts.of(r)) {
            b.append("| ").append(v.claim()).append(" | ").append(cell(v.text())).append(" | ").append(v.outcome().label())
                    .append(" | ").append(cell(v.evidence())).append(" | ").append(cell(v.rule())).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
