package crawler.startup;

import java.util.List;

/**
 * The JIT and GC options of every JVM that fetches and parses pages: the crawler's own JVM (the
 * whole crawl in thread modes; the launcher passes them), each worker JVM, and the bench's child
 * JVMs. One list, because a comparison in which thread modes ran C2 and a parallel GC while
 * workers ran C1 and a serial one would measure JVM settings, not execution models.
 *
 * <ul>
 * <li>{@code -XX:TieredStopAtLevel=1}: C1 only. Over a crawl of thousands of pages C2's
 *     compilations cost more CPU than its faster code gives back (docs/startup.md); a long crawl
 *     of heavy pages can turn C2 back on ({@code CRAWLER_JAVA_OPTS}, {@code --worker-jvm-option}).</li>
 * <li>{@code -XX:+UseSerialGC}: no GC threads to start, and a heap that stays close to what is
 *     live (G1 grew a 2,000-page crawl to about twice the resident memory).</li>
 * <li>{@code -XX:-UsePerfData}: no hsperfdata file to create and map per JVM.</li>
 * </ul>
 */
public final class CrawlJvmOptions {

    /** The options, in the order the launcher script writes them (a test holds the two together). */
    public static final List<String> RUNTIME = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData");

    private CrawlJvmOptions() {
    }
}
