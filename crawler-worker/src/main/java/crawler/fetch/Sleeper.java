package crawler.fetch;

import java.time.Duration;

/** Waits out a retry back-off. Injected so tests can count waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d);

    void sleep(Duration duration) throws InterruptedException;
}
