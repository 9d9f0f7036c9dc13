package crawler.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading a results file line by line, duplicates included (a map would hide them). */
final class ResumeFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResumeFiles() {
    }

    /** The "url" of every line, in file order. */
    static List<String> urls(Path file) throws IOException {
        return field(file, "url");
    }

    /** The "pid" of every line, in file order. */
    static List<Long> pids(Path file) throws IOException {
        return field(file, "pid").stream().map(Long::valueOf).toList();
    }

    private static List<String> field(Path file, String name) throws IOException {
        List<String> values = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            values.add(MAPPER.readTree(line).get(name).asText());
        }
        return values;
    }
}
