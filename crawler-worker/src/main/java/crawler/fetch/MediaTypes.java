package crawler.fetch;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;

/**
 * Parsed Content-Type header values, remembered. A site answers with the same few values on every
 * page, and OkHttp parses each with regular expressions, once per response otherwise.
 *
 * <p>Thread-safe. Bounded: emptied when full, so a server that varies the header cannot grow it.
 */
final class MediaTypes {

    static final int MAX_ENTRIES = 256;

    private final ConcurrentHashMap<String, Optional<MediaType>> known = new ConcurrentHashMap<>();

    /** What {@link MediaType#parse} returns for {@code header}: null when it is not a media type. */
    MediaType parse(String header) {
        Optional<MediaType> type = known.get(header);
        if (type == null) {
            type = Optional.ofNullable(MediaType.parse(header));
            if (known.size() >= MAX_ENTRIES) {
                known.clear();
            }
            known.put(header, type);
        }
        return type.orElse(null);
    }

    int size() {
        return known.size();
    }
}
