package crawler.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** A clock that only moves when the fetcher "sleeps"; records every wait. Test-only, single-threaded. */
final class FakeTime implements Sleeper, LongSupplier, InstantSource {

    final List<Duration> sleeps = new ArrayList<>();
    private long nanos = 1_000_000_000L;
    private final Instant epoch = Instant.parse("2026-11-25T12:00:00Z");

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        nanos += d.toNanos();
    }

    @Override
    public long getAsLong() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return epoch.plusNanos(nanos);
    }
}
