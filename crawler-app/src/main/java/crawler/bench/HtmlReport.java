package crawler.bench;

/** Placeholder until the charts land: the Markdown summary in a pre block. */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(BenchResult r) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>crawlbench</title></head><body><pre>"
                + Svg.escape(TextReport.render(r)) + "</pre></body></html>\n";
    }
}
