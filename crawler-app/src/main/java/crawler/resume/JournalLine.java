package crawler.resume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The parts of a results line that resuming needs: which page, at what depth, its links, and
 * whether it failed and how. Every other field of the line is skipped while parsing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record JournalLine(String url, int depth, List<String> links, Error error) {

    JournalLine {
        links = links == null ? List.of() : links;
    }

    /** The failure's kind, as the line spells it; null for a page without error. */
    String errorKind() {
        return error == null ? null : error.kind();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String kind) {
    }
}
