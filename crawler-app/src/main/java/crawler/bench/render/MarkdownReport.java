package crawler.bench.render;

import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.judge.JudgedBench;
import crawler.bench.judge.Verdict;

/** The Markdown summary: the terminal tables in code blocks, then each verdict with its chart (claim-N.svg) and rule. A pure function. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(JudgedBench judged) {
        BenchResult r = judged.result();
        StringBuilder b = new StringBuilder("# crawlbench: threads versus processes\n\n");
        b.append("Crawled the ").append(r.target()).append(" on ").append(r.machine().describe()).append("; ")
                .append(r.repeats()).append(r.repeats() == 1 ? " run" : " runs").append(" per cell, median with min-max. ")
                .append(TextReport.conditions(r)).append(".\n\n").append(TextReport.method(r)).append(".\n\n");
        for (Workload w : Workload.values()) {
            if (!r.cells(w).isEmpty()) {
                b.append("## ").append(w.title()).append("\n\n```\n").append(TextReport.table(w, r.cells(w), r)).append("```\n\n");
            }
        }
        b.append("## The seed's claims\n\nRaw rows: [results.csv](results.csv), [results.json](results.json).\n\n");
        for (Verdict v : judged.verdicts()) {
            b.append("### ").append(v.claim()).append(". ").append(v.outcome().label()).append(": ").append(v.text()).append("\n\n")
                    .append("![claim ").append(v.claim()).append(" chart](").append(ClaimCharts.fileName(v.claim())).append(")\n\n")
                    .append(v.evidence()).append("\n\n").append("*Rule:* ").append(v.rule()).append("\n\n");
        }
        return b.toString();
    }
}
