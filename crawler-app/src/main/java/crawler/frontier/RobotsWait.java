package crawler.frontier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * URLs held until their host's robots.txt is known, by host key, and who to tell when it is.
 *
 * <p>Not thread-safe: confined to the coordinator thread; the listener is what brings the news
 * from the thread that read robots.txt back to it.
 */
final class RobotsWait {

    private final Map<String, List<UrlNode>> byHost = new HashMap<>();
    private long held;
    /** Told the host key when a host's robots.txt becomes known. */
    private Consumer<String> listener = host -> { };

    void whenArrived(Consumer<String> arrived) {
        this.listener = Objects.requireNonNull(arrived, "listener");
    }

    /** What the robots gate is to run once {@code host}'s robots.txt is known: tells the listener. */
    Runnable notifier(String host) {
        return () -> listener.accept(host);
    }

    /** Keeps a URL aside until its host's robots.txt is known. */
    void hold(UrlNode node, String host) {
        node.state = UrlNode.State.AWAITING_ROBOTS;
        byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(node);
        held++;
    }

    /** The URLs held for {@code host}, no longer held; null when there are none. */
    List<UrlNode> release(String host) {
        List<UrlNode> released = byHost.remove(host);
        if (released != null) {
            held -= released.size();
        }
        return released;
    }

    /** URLs held now, over all hosts. */
    long held() {
        return held;
    }
}
