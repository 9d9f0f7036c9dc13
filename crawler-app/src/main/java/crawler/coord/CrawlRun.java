package crawler.coord;

/**
 * Facts about a run that the coordinator reports but does not decide.
 *
 * @param mode          the execution mode's name
 * @param workers       worker processes, 0 in thread modes
 * @param robotsIgnored whether the user turned robots.txt off
 */
public record CrawlRun(String mode, int workers, boolean robotsIgnored) {
}
