package crawler.bench.run;


import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms a fixture site up from the bench JVM before anything is measured: the site runs in this
 * JVM, so its code paths get compiled here, once, for every later crawl. The crawls themselves
 * need no warm-up crawl: each runs in a fresh child JVM, equally cold in every mode by design.
 * Bounded in requests and in time.
 *
 * <p><b>Thread-safety:</b> stateless; {@link #run} may be called from any thread.
 */
public final class Warmup {

    /** Requests in flight at once. */
    public static final int CONCURRENCY = 32;

    private Warmup() {
    }

    /**
     * GETs each URL once, {@link #CONCURRENCY} at a time, until done or {@code limit} has passed.
     *
     * @return responses received
     */
    public static int run(List<String> urls, Duration limit) throws InterruptedException {
        AtomicInteger ok = new AtomicInteger();
        long deadline = System.nanoTime() + limit.toNanos();
        Semaphore slots = new Semaphore(CONCURRENCY);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String url : urls) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
                threads.execute(() -> {
                    try {
                        HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
                        client.send(get, HttpResponse.BodyHandlers.discarding());
                        ok.incrementAndGet();
                    } catch (java.io.IOException | InterruptedException | IllegalArgumentException e) {
                        // A warm-up request that fails warms less; the measured crawls report their own errors.
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            client.shutdownNow();
        }
        return ok.get();
    }
}
