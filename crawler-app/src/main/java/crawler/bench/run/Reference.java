package crawler.bench.run;


import crawler.report.IdealTime;
import java.time.Duration;
import java.util.Objects;

/**
 * A crawler from outside the project on the same fixture site, shown beside the bench's own rows
 * as a yardstick: what a user would otherwise pick. Not a cell: it is never the fastest, never
 * part of a verdict. A closed set of outcomes.
 */
public sealed interface Reference {

    /** The program, e.g. {@code wget2}. */
    public String tool();

    /** The concurrency it ran at (or would have). */
    public int concurrency();

    /**
     * A measured run: the whole process, spawn to exit, crawling a site of {@code sitePages} pages
     * recursively from its start page.
     *
     * @param tool          the program
     * @param version       its own name for its version, e.g. {@code GNU Wget2 1.99.1}
     * @param command       the command as run, shortened to what matters (no paths)
     * @param concurrency   downloads at once it was given (e.g. {@code --max-threads})
     * @param latencyMillis the site's fixed latency
     * @param levels        link levels of the site from its start page
     * @param run           what was measured
     * @param urls          what it fetched against the site's ground truth
     * @param failure       why the run does not count (non-zero exit other than a server error, time
     *                      limit), or null
     */
    public record Measured(String tool, String version, String command, int concurrency, long latencyMillis, int levels,
                    WholeProcessRun.Measured run, UrlSetMatch urls, String failure) implements Reference {
        public Measured {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(urls, "urls");
            if (levels < 1) {
                throw new IllegalArgumentException("levels must be >= 1, was " + levels);
            }
        }

        /** Distinct pages it asked for (robots.txt and the sitemap left out). */
        public int pages() {
            return urls.fetched();
        }

        public double pagesPerSecond() {
            return run.wallMillis() <= 0 ? 0 : pages() * 1000.0 / run.wallMillis();
        }

        /** The fewest rounds of requests the recursive crawl needs, times the latency; null without latency. */
        public Duration idealTime() {
            return latencyMillis <= 0 ? null
                    : IdealTime.of(urls.expected(), concurrency, levels, Duration.ofMillis(latencyMillis));
        }

        public double efficiency() {
            Duration ideal = idealTime();
            return ideal == null ? Double.NaN : IdealTime.efficiency(ideal, run.wallMillis());
        }

        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * Not run, and why: not installed (with how to get it), or no time left in the budget.
     *
     * @param tool        the program
     * @param concurrency the concurrency it would have run at; 0 when it applies to every level
     * @param why         a sentence for the report
     */
    public record NotRun(String tool, int concurrency, String why) implements Reference {
        public NotRun {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(why, "why");
        }
    }
}
