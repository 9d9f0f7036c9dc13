package crawler.parse;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic extra CPU work per page, for the CPU-bound benchmark: {@code rounds} chained SHA-256
 * passes over the page bytes (each round hashes the previous digest followed by the bytes). Every
 * execution mode runs exactly this, so the modes are compared on equal work.
 *
 * <p><b>Thread-safety:</b> stateless; a fresh {@link MessageDigest} per call.
 */
public final class CpuWork {

    private CpuWork() {
    }

    /**
     * Runs the work and returns the final digest (returned so the JIT cannot drop the work).
     *
     * @param rounds 0 does nothing and returns an empty array
     */
    public static byte[] run(byte[] pageBytes, int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be >= 0, was " + rounds);
        }
        if (rounds == 0) {
            return new byte[0];
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] digest = new byte[0];
        for (int i = 0; i < rounds; i++) {
            sha.update(digest);
            sha.update(pageBytes);
            digest = sha.digest();
        }
        return digest;
    }
}
