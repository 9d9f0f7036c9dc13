package crawler.coord;

import crawler.exec.Mode;

/**
 * Facts about a run that the coordinator reports but does not decide.
 *
 * @param mode          the execution mode
 * @param workers       worker processes, 0 in thread modes
 * @param robotsIgnored whether the user turned robots.txt off
 */
public record CrawlRun(Mode mode, int workers, boolean robotsIgnored) {
}
