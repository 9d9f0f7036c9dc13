package crawler.worker;

import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes protocol messages to the worker's stdout, one line each.
 *
 * <p>Thread-safe: fetch threads call {@link #send} concurrently; lines never interleave. A line is
 * flushed as soon as no other thread is queued to write, so a lone result leaves at once while
 * a burst goes out in one write. A {@link FromWorker.Started} notice is always flushed before
 * {@code send} returns: if the fetch it announces kills the process, the coordinator must
 * already know which URL to blame. After the first I/O failure (the coordinator closed the pipe)
 * further messages are dropped: the coordinator is gone and the worker's stdin EOF ends it.
 */
final class ProtocolWriter {

    private final Codec codec;
    private final OutputStream out;
    private final PrintStream log;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger waiting = new AtomicInteger();
    private boolean broken;

    ProtocolWriter(Codec codec, OutputStream out, PrintStream log) {
        this.codec = codec;
        this.out = out;
        this.log = log;
    }

    void send(FromWorker message) {
        byte[] line = (codec.encode(message) + "\n").getBytes(StandardCharsets.UTF_8);
        waiting.incrementAndGet();
        lock.lock();
        try {
            waiting.decrementAndGet();
            if (broken) {
                return;
            }
            out.write(line);
            // Flush only when nobody else is about to write: batches lines under load, never delays a lone one.
            if (waiting.get() == 0 || message instanceof FromWorker.Started) {
                out.flush();
            }
        } catch (IOException e) {
            broken = true;
            log.println("protocol channel closed, dropping further messages: " + e);
        } finally {
            lock.unlock();
        }
    }

    void flush() {
        lock.lock();
        try {
            if (!broken) {
                out.flush();
            }
        } catch (IOException e) {
            broken = true;
        } finally {
            lock.unlock();
        }
    }
}
