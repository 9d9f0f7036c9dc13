package crawler.exec.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server for tests that answers nobody until {@code target} requests are open at once,
 * then answers them all: a crawler that cannot hold that many requests in flight gets its answers
 * only when the server gives up waiting ({@code patienceSeconds}), and {@link #peak()} says how
 * many it did hold. Every answer is a small HTML page, on a connection closed afterwards.
 */
final class HoldingServer implements AutoCloseable {

    private static final byte[] PAGE = "<html><head><title>held</title></head><body>ok</body></html>"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final int target;
    private final long patienceSeconds;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    HoldingServer(int target, long patienceSeconds) throws IOException {
        this.target = target;
        this.patienceSeconds = patienceSeconds;
        this.socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).name("holding-server-accept").start(this::acceptLoop);
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** The most requests that were open at once. */
    int peak() {
        return peak.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().name("holding-server-conn").start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // the request line and headers: all we need is their end
            }
            int now = open.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            if (now >= target) {
                release.countDown();
            }
            release.await(patienceSeconds, TimeUnit.SECONDS);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + PAGE.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(PAGE);
            out.flush();
        } catch (IOException e) {
            // the client went away; nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        socket.close();
    }
}
