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
        List<String> urls = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            urls.add(MAPPER.readTree(line).get("url").asText());
        }
        return urls;
    }
}
