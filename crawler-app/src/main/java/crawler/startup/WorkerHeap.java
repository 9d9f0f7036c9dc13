package crawler.startup;

/**
 * The heap of a worker JVM, sized from what its fetch threads may hold at once instead of a fixed
 * 256 MiB that 32 threads with 4 MiB bodies could outgrow.
 *
 * <p>{@code -Xmx = max(256 MiB, 64 MiB + threads x 6 x maxBody)}. Per thread in flight, at the
 * worst moment of one page: the body's bytes as read (1 x maxBody), the decoded text (up to
 * 2 x: a String of non-Latin-1 characters takes two bytes each), and jsoup's tree over it with
 * the link list (about 3 x for a page dense with tags and links). 64 MiB covers what a worker
 * holds whatever its load (the HTTP client, the parser, the protocol codec). 256 MiB, the old
 * fixed size, stays the floor. The serial collector grows the heap only as far as the live data
 * needs, so the larger limit costs no memory on ordinary pages; it only keeps a burst of large
 * pages from ending the worker with an {@code OutOfMemoryError}.
 *
 * <p>Thread-safe: pure functions.
 */
public final class WorkerHeap {

    static final long MIB = 1024 * 1024;
    static final long BASE = 64 * MIB;
    static final long FLOOR = 256 * MIB;
    /** Copies of one body a fetch thread may hold at once (see the class comment). */
    static final int BODY_COPIES = 6;

    private WorkerHeap() {
    }

    /** The heap in MiB for a worker running {@code threads} fetch threads with bodies capped at {@code maxBody} bytes. */
    public static long mebibytes(int threads, long maxBody) {
        if (threads < 1 || maxBody < 0) {
            throw new IllegalArgumentException("threads must be >= 1 and maxBody >= 0, were " + threads + ", " + maxBody);
        }
        long bytes = Math.max(FLOOR, BASE + threads * BODY_COPIES * maxBody);
        return (bytes + MIB - 1) / MIB;
    }

    /** The {@code -Xmx} option for {@link #mebibytes}. */
    public static String option(int threads, long maxBody) {
        return "-Xmx" + mebibytes(threads, maxBody) + "m";
    }
}
