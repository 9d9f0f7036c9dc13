package crawler.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that accepts every connection and never answers: a fetch of it hangs until
 * the client gives up. Counts the connections it accepted. Close it to drop them all.
 */
final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    SilentServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        acceptor = Thread.ofPlatform().daemon().name("silent-server").start(this::acceptLoop);
    }

    /** {@code http://127.0.0.1:PORT/hang}. */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hang";
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
                accepted.incrementAndGet();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
        try {
            acceptor.join(java.time.Duration.ofSeconds(5)); // accept() ends as soon as the socket closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
