package crawler.coord;

import crawler.exec.ExecEvent;
import crawler.page.PageResult;

/**
 * What reaches the coordinator thread from other threads. Sealed, so a new kind of message is a
 * compile error in {@link Coordinator}'s switch until it is handled, not a silent default.
 */
sealed interface InboxMessage {

    /** A URL's one result, from whichever substrate ran it. */
    record Result(PageResult page) implements InboxMessage {
    }

    /** Something that happened to the substrate (a worker started, died, ...). */
    record Event(ExecEvent event) implements InboxMessage {
    }

    /** A host's robots.txt became known (read on another thread): its held URLs may go on. */
    record RobotsArrived(String hostKey) implements InboxMessage {
    }

    /** Nothing to apply: wakes the loop so it looks at its flags (a stop was requested). */
    enum Wakeup implements InboxMessage {
        INSTANCE
    }
}
