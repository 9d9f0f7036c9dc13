package crawler.bench.plan;

import crawler.app.CrawlArgs;
import crawler.chaos.ChaosPlan;
import crawler.bench.run.Wget2;
import crawler.exec.Mode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A crawler in {@code crawler compare}: wget2, or this project's {@code crawl} in one of its
 * modes, started the way a user starts it. Every one crawls the whole site from its start page,
 * robots.txt obeyed, at the scenario's concurrency; the project's crawler with politeness off
 * ({@code --host-concurrency 0 --host-delay 0}), since wget2 has none either.
 */
public enum Contender {
    WGET2("wget2"),
    VIRTUAL("virtual"),
    PLATFORM("platform"),
    PROCESS("process (2 workers)");

    private final String label;

    Contender(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The name on the command line: wget2, virtual, platform, process. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Contender parse(String key) {
        for (Contender c : values()) {
            if (c.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown crawler '" + key + "'; expected wget2, virtual, platform or process");
    }

    /**
     * The command that crawls {@code startUrl} at {@code concurrency}, writing its output under
     * {@code dir}.
     *
     * @param wget2    the wget2 program (for {@link #WGET2})
     * @param launcher how to start this project's command line (for the others)
     * @param maxTime  the crawl's own time limit, for the crawlers that take one
     */
    public List<String> command(Path wget2, List<String> launcher, String startUrl, int concurrency, Path dir, java.time.Duration maxTime) {
        if (this == WGET2) {
            return Wget2.command(wget2, startUrl, concurrency, dir.resolve("files"));
        }
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("crawl", startUrl));
        cmd.addAll(crawlArgs(concurrency, maxTime).argv());
        cmd.addAll(List.of("-q", "--force", "-o", dir.resolve("results.jsonl").toString()));
        return cmd;
    }

    /**
     * The crawl options of this project's contenders: the whole site (depth 1,000, no page limit),
     * politeness off but robots.txt and its Crawl-delay obeyed as wget2 obeys them, 2 workers in
     * process mode.
     */
    public CrawlArgs crawlArgs(int concurrency, java.time.Duration maxTime) {
        if (this == WGET2) {
            throw new IllegalStateException("wget2 takes no crawl options of this project");
        }
        return new CrawlArgs(mode(), concurrency, this == PROCESS ? 2 : 0, 0, 16, 1000, 0, 0, 0, java.time.Duration.ZERO, false, maxTime,
                CrawlArgs.DEFAULT_STALL_TIMEOUT, ChaosPlan.NONE, List.of());
    }

    private Mode mode() {
        return switch (this) {
            case VIRTUAL -> Mode.VIRTUAL;
            case PLATFORM -> Mode.PLATFORM;
            case PROCESS, WGET2 -> Mode.PROCESS;
        };
    }

    /** The command as the report shows it: no paths, the URL and the concurrency as placeholders. */
    public String shownCommand() {
        return switch (this) {
            case WGET2 -> "wget2 -r -l inf --max-threads=C --robots=on --no-host-directories --quiet --directory-prefix=TMP URL";
            case VIRTUAL, PLATFORM, PROCESS -> "./crawler crawl URL --mode " + key() + " -c C -d 1000 --max-pages 0"
                    + " --host-concurrency 0 --host-delay 0ms -q --force -o TMP/results.jsonl" + (this == PROCESS ? " --workers 2" : "");
        };
    }
}
