package crawler.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One cell of a {@code bench-session}: a seed list crawled on a substrate of its own, first
 * unmeasured, then once per measured run. A session's legs share its JVM, so JVM start-up and JIT
 * warm-up are paid once per mode, not once per cell. Immutable; checked when built.
 *
 * @param seeds       file of seed URLs, one per line
 * @param outPrefix   run N writes {@code PREFIX-rN.jsonl} and {@code PREFIX-rN.summary.json}, warm-up W
 *                    {@code PREFIX-warmupW.summary.json}
 * @param warmupPages the warm-up crawls take the first N seeds (0: all of them)
 * @param runs        measured runs at most (>= 1)
 * @param crawl       the crawl's options, as {@link CrawlArgs#argv()} renders them
 */
public record SessionLeg(String seeds, String outPrefix, int warmupPages, int runs, List<String> crawl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SessionLeg {
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(outPrefix, "outPrefix");
        crawl = List.copyOf(crawl);
        if (warmupPages < 0 || runs < 1) {
            throw new IllegalArgumentException("warmupPages must be >= 0 and runs >= 1, were " + warmupPages + ", " + runs);
        }
    }

    public static SessionLeg of(Path seeds, Path outPrefix, int warmupPages, int runs, CrawlArgs crawl) {
        return new SessionLeg(seeds.toString(), outPrefix.toString(), warmupPages, runs, crawl.argv());
    }

    /** Writes a session's legs, in order, for {@code bench-session --legs FILE}. */
    public static void write(Path file, List<SessionLeg> legs) throws IOException {
        JSON.writeValue(file.toFile(), legs);
    }

    static List<SessionLeg> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), new TypeReference<List<SessionLeg>>() { });
    }
}
