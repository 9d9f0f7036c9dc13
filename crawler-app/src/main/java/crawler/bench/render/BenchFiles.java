package crawler.bench.render;

import crawler.bench.run.BenchResult;
import crawler.bench.judge.JudgedBench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the output folder: raw CSV and JSON, a Markdown summary, a self-contained HTML report. */
public final class BenchFiles {

    public static final String NAMES = "results.csv, results.json, summary.md, report.html, claim-1.svg .. claim-8.svg";

    private BenchFiles() {
    }

    public static void write(Path dir, JudgedBench judged) throws IOException {
        BenchResult r = judged.result();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), RawRows.csv(r), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), JsonReport.render(judged), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.md"), MarkdownReport.render(judged), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(judged), StandardCharsets.UTF_8);
        // summary.md shows them as images: Markdown cannot inline SVG.
        for (var e : ClaimCharts.of(r).entrySet()) {
            Files.writeString(dir.resolve(ClaimCharts.fileName(e.getKey())), e.getValue().svg(), StandardCharsets.UTF_8);
        }
    }
}
