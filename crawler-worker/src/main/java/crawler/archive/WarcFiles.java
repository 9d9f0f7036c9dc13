package crawler.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of WARC files: {@code PREFIX-<yyyyMMddHHmmssSSS UTC>-<serial, 5 digits>-<writer>.warc.gz}, and
 * finding the files that belong to a prefix. Stateless; thread-safe.
 */
public final class WarcFiles {

    public static final String SUFFIX = ".warc.gz";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private WarcFiles() {
    }

    /** The file for {@code serial} of writer {@code writerId}, opened at {@code openedAt}. */
    public static Path name(String prefix, Instant openedAt, int serial, String writerId) {
        return Path.of(prefix + "-" + STAMP.format(openedAt) + "-" + String.format("%05d", serial) + "-" + writerId
                + SUFFIX);
    }

    /** The existing files written under {@code prefix} by writer {@code writerId}, sorted by name (so by time). */
    public static List<Path> list(String prefix, String writerId) throws IOException {
        String end = "-" + writerId + SUFFIX;
        return list(prefix).stream().filter(f -> f.getFileName().toString().endsWith(end)).toList();
    }

    /** The existing files written under {@code prefix}, by any writer, sorted by name (so by time). */
    public static List<Path> list(String prefix) throws IOException {
        Path p = Path.of(prefix);
        Path dir = p.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        Pattern ours = Pattern.compile(Pattern.quote(p.getFileName().toString())
                + "-\\d{17}-\\d{5}-[A-Za-z0-9]+" + Pattern.quote(SUFFIX));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> ours.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
    }
}
