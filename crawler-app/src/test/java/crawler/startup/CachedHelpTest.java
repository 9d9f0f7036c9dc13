package crawler.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedHelpTest {

    @TempDir
    Path dir;

    @Test
    void helpWrittenAfterTheJar_isUsed() throws IOException {
        Path jar = Files.writeString(dir.resolve("crawler-app.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        CachedHelp.write(dir.resolve("25"), "Usage: crawler\n");

        assertThat(CachedHelp.read(dir.resolve("25").resolve(CachedHelp.FILE), jar)).contains("Usage: crawler\n");
    }

    @Test
    void helpOlderThanTheJar_isNotUsed() throws IOException {
        CachedHelp.write(dir, "Usage: an older crawler\n");
        Path help = dir.resolve(CachedHelp.FILE);
        Files.setLastModifiedTime(help, FileTime.from(Instant.now().minusSeconds(60)));
        Path jar = Files.writeString(dir.resolve("crawler-app.jar"), "rebuilt");

        assertThat(CachedHelp.read(help, jar)).isEmpty();
    }

    @Test
    void noHelp_orAnEmptyOne_isNotUsed() throws IOException {
        Path jar = Files.writeString(dir.resolve("crawler-app.jar"), "jar");

        assertThat(CachedHelp.read(dir.resolve(CachedHelp.FILE), jar)).isEmpty();
        CachedHelp.write(dir, "");
        assertThat(CachedHelp.read(dir.resolve(CachedHelp.FILE), jar)).isEmpty();
    }

    @Test
    void underTests_thereIsNoPackagedJar_soPicocliPrintsTheHelp() {
        assertThat(CachedHelp.forThisJar()).isEmpty();
    }
}
