package crawler.coord;

import crawler.page.PageTask;

/**
 * A URL handed to the executor and not yet answered. Immutable.
 *
 * @param task     what was handed out
 * @param since    when (ticker nanoseconds) it was handed out, or handed out again by the watchdog
 * @param rehanded whether the watchdog already handed it out again once
 */
record InFlight(PageTask task, long since, boolean rehanded) {

    InFlight rehandedAt(long now) {
        return new InFlight(task, now, true);
    }
}
