package crawler.report;

/**
 * What one cluster member did in a crawl: hashing few hosts over members can leave one member
 * with most of the work, and this is where that shows.
 *
 * @param hosts   hosts it delivered pages of (a host moves to another member only when its owner dies)
 * @param batches batches it answered
 * @param pages   results it delivered
 */
public record MemberShare(int hosts, long batches, long pages) {
}
