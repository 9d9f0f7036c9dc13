package crawler.coord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limit on open files ({@code ulimit -n}) and the one line that tells the user a crawl ran into
 * it. Pure functions over the text of {@code /proc/self/limits}; thread-safe.
 */
final class OpenFileLimit {

    /** Linux: the current process's resource limits. */
    static final Path PROC_LIMITS = Path.of("/proc/self/limits");

    private static final Pattern MAX_OPEN_FILES = Pattern.compile("(?m)^Max open files\\s+(\\S+)\\s+(\\S+)");

    private OpenFileLimit() {
    }

    /** The soft limit on open files from a {@code /proc/<pid>/limits} text; empty if absent or unlimited. */
    static OptionalLong softLimit(String procLimits) {
        Matcher m = MAX_OPEN_FILES.matcher(procLimits);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // "unlimited"
        }
    }

    /** This process's soft limit; empty where there is no {@code /proc} (not Linux) or it cannot be read. */
    static OptionalLong softLimit() {
        try {
            return Files.isReadable(PROC_LIMITS)
                    ? softLimit(Files.readString(PROC_LIMITS, StandardCharsets.UTF_8)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty(); // out of descriptors ourselves, most likely: say so without the number
        }
    }

    /** The line printed once per crawl when a URL failed for want of file descriptors. */
    static String notice(OptionalLong softLimit) {
        String now = softLimit.isPresent() ? "soft limit now " + softLimit.getAsLong() : "soft limit unknown";
        return "crawler: out of file descriptors (too many open files); raise the limit with `ulimit -n` (" + now
                + ") or lower --concurrency; the URLs that hit it are recorded as RESOURCE_LIMIT";
    }
}
