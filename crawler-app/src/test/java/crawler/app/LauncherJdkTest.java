package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script's JDK choice ({@code ./crawler jdk}, which stops before building anything):
 * the JDK a search found is remembered, and forgotten when it goes away or changes.
 */
class LauncherJdkTest {

    private static final Path SCRIPT = Path.of("..", "crawler").toAbsolutePath().normalize();
    /** The JDKs the search may find: where the JDK running this test is installed. */
    private static final Path JVM_DIRS = Path.of(System.getProperty("java.home")).toAbsolutePath().getParent();

    @TempDir
    Path tmp;
    Path memo;

    private record Run(int exit, String stdout, String stderr) {
    }

    @BeforeEach
    void memoInTmp() {
        memo = tmp.resolve("memo/crawler-jdk");
    }

    @Test
    void theJdkFound_isRemembered() throws Exception {
        Run run = launcher(Map.of());

        assertThat(run.exit()).as(run.stderr()).isZero();
        Path jdk = Path.of(run.stdout().strip());
        assertThat(jdk.resolve("bin/java")).isExecutable();
        assertThat(Files.readAllLines(memo).getFirst()).isEqualTo(jdk.toString());
    }

    @Test
    void aRememberedJdk_isUsedWithoutSearching() throws Exception {
        Path fake = fakeJdk("jdk-99");
        remember(fake);

        assertThat(launcher(Map.of()).stdout().strip()).isEqualTo(fake.toString());
    }

    @Test
    void aRememberedJdkThatIsGone_isForgotten_andARealOneFound() throws Exception {
        Path fake = fakeJdk("jdk-99");
        remember(fake);
        Files.delete(fake.resolve("bin/java"));

        Run run = launcher(Map.of());

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout().strip()).isNotEqualTo(fake.toString());
        assertThat(Path.of(run.stdout().strip()).resolve("bin/java")).isExecutable();
        assertThat(Files.readAllLines(memo).getFirst()).isEqualTo(run.stdout().strip());
    }

    @Test
    void aRememberedJdkUpgradedInPlace_isLookedAtAgain() throws Exception {
        Path fake = fakeJdk("jdk-99");
        remember(fake);
        Files.setLastModifiedTime(memo, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.writeString(fake.resolve("release"), "JAVA_VERSION=\"17.0.1\"\nJAVA_RUNTIME_VERSION=\"17.0.1+1\"\n");

        Run run = launcher(Map.of());

        assertThat(run.stdout().strip()).as("a JDK 17 is too old, so the search runs").isNotEqualTo(fake.toString());
    }

    @Test
    void javaHome_winsOverTheMemory() throws Exception {
        remember(fakeJdk("jdk-99"));
        Path other = fakeJdk("jdk-98");

        assertThat(launcher(Map.of("JAVA_HOME", other.toString())).stdout().strip()).isEqualTo(other.toString());
    }

    @Test
    void noJdkAnywhere_saysWhatToInstall() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("no-jvms"));
        Path bin = Files.createDirectory(tmp.resolve("bin")); // tools the script needs, and no java
        for (String tool : List.of("dirname", "readlink", "mkdir", "mv", "rm")) {
            executable(bin.resolve(tool), "#!/bin/sh\nexec " + which(tool) + " \"$@\"\n");
        }

        Run run = launcher(Map.of("CRAWLER_JVM_DIRS", empty.toString(), "PATH", bin.toString()));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("no JDK 21 or newer found").contains("install").contains("JAVA_HOME");
        assertThat(memo).doesNotExist();
    }

    /** A directory that looks like a JDK 99 to the script; its java cannot run, so only the memory can choose it. */
    private Path fakeJdk(String name) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(name));
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            executable(bin.resolve(tool), "#!/bin/sh\nexit 1\n");
        }
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"99\"\nJAVA_RUNTIME_VERSION=\"99+1\"\n");
        Files.setLastModifiedTime(home.resolve("release"), FileTime.from(Instant.now().minusSeconds(7200)));
        return home;
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void remember(Path jdk) throws IOException {
        Files.createDirectories(memo.getParent());
        Files.writeString(memo, jdk + "\n99\n99+1\n");
    }

    private Run launcher(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", SCRIPT.toString(), "jdk")
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("CRAWLER_JDK_MEMO", memo.toString());
        pb.environment().put("CRAWLER_JVM_DIRS", JVM_DIRS.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " not on PATH");
    }
}
