package crawler.app;

import crawler.url.UrlNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads seed URLs: one per line, blank lines and lines starting with {@code #} ignored. Lines
 * that are not absolute http(s) URLs are collected as problems naming the source and line.
 */
public final class SeedReader {

    private final UrlNormalizer normalizer;

    public SeedReader(UrlNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    public SeedList read(String sourceName, Reader input) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(input)) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        return parse(sourceName, lines, true);
    }

    /** Seeds given as command-line arguments; "line" numbers are argument positions. */
    public SeedList fromArguments(List<String> args) {
        return parse("argument", args, false);
    }

    private SeedList parse(String source, List<String> lines, boolean allowComments) {
        Set<String> urls = new LinkedHashSet<>();
        List<SeedList.Problem> problems = new ArrayList<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (allowComments && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            String reason = whyNotUrl(line);
            if (reason != null) {
                problems.add(new SeedList.Problem(source, n, line, reason));
                continue;
            }
            Optional<String> normalised = normalizer.normalize(line);
            if (normalised.isEmpty()) {
                problems.add(new SeedList.Problem(source, n, line, "not a valid http(s) URL"));
            } else {
                urls.add(normalised.get());
            }
        }
        return new SeedList(new ArrayList<>(urls), problems);
    }

    private static String whyNotUrl(String line) {
        if (line.isEmpty()) {
            return "empty seed";
        }
        URI uri;
        try {
            uri = new URI(line);
        } catch (URISyntaxException e) {
            return "not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            return "not an absolute URL (no scheme; did you mean http://" + line + " ?)";
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "scheme '" + scheme + "' is not http or https";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "no host";
        }
        return null;
    }
}
