package crawler.frontier;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * A URL's 64-bit fingerprint: the first 64 bits of MurmurHash3 (x64, 128-bit) of its normalised
 * form in UTF-8. The frontier and the resume code remember URLs by fingerprint, not by text, so a
 * URL seen costs 8 bytes plus the hash table's slack, whatever its length.
 *
 * <p>Two distinct URLs share a fingerprint with probability 2<sup>-64</sup>; the chance that a
 * crawl of n distinct URLs takes any new URL for one already seen is about n<sup>2</sup>/2<sup>65</sup>
 * (10 million URLs: 2.7 x 10<sup>-6</sup>). Such a URL would be skipped as already seen.
 *
 * <p>Thread-safe: a pure function.
 */
public final class UrlFingerprint {

    private static final HashFunction MURMUR3 = Hashing.murmur3_128();

    private UrlFingerprint() {
    }

    public static long of(String url) {
        return MURMUR3.hashString(url, StandardCharsets.UTF_8).asLong();
    }
}
