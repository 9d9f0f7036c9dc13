package crawler.frontier;

import java.util.List;

/**
 * Reads back the links of a page an earlier run of the crawl finished, when a depth-limited crawl
 * finds that page at a shorter distance and must pass the shorter one on. The resumed frontier
 * keeps no links of journaled pages in memory; this is asked instead (rarely: only for such a
 * page).
 */
@FunctionalInterface
public interface JournalLinks {

    JournalLinks NONE = fingerprint -> List.of();

    /** The links the journal holds for the page with this fingerprint; empty if it holds none. */
    List<String> linksOf(long fingerprint);
}
