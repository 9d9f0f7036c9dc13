package crawler.frontier;

/** A monotonic nanosecond clock, injected so politeness and timing can be tested without sleeping. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
