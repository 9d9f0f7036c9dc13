package crawler.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClassPathTest {

    @TempDir
    Path lib;

    @Test
    void listedJars_areResolvedBesideTheWorkerJar_inListOrder() throws IOException {
        Path worker = touch("crawler-worker-1.jar");
        touch("okhttp-jvm-5.5.1.jar");
        touch("jsoup-1.24.1.jar");

        WorkerClassPath cp = WorkerClassPath.resolve(worker, "lib/okhttp-jvm-5.5.1.jar:lib/jsoup-1.24.1.jar\n").orElseThrow();

        assertThat(cp.entries()).containsExactly(worker, lib.resolve("okhttp-jvm-5.5.1.jar"), lib.resolve("jsoup-1.24.1.jar"));
        assertThat(cp.asClassPath()).isEqualTo(worker + ":" + lib.resolve("okhttp-jvm-5.5.1.jar") + ":"
                + lib.resolve("jsoup-1.24.1.jar"));
        assertThat(cp.startupRoot()).isEqualTo(lib.resolveSibling("startup"));
    }

    @Test
    void aMissingDependency_meansNoLeanClassPath() throws IOException {
        Path worker = touch("crawler-worker-1.jar");
        touch("okhttp-jvm-5.5.1.jar");

        assertThat(WorkerClassPath.resolve(worker, "lib/okhttp-jvm-5.5.1.jar:lib/jsoup-1.24.1.jar")).isEmpty();
    }

    @Test
    void theListIsReadFromTheWorkerJar() throws IOException {
        touch("jsoup-1.24.1.jar");
        Path worker = lib.resolve("crawler-worker-1.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(worker))) {
            jar.putNextEntry(new ZipEntry(WorkerClassPath.LIST_RESOURCE));
            jar.write("lib/jsoup-1.24.1.jar".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }

        assertThat(WorkerClassPath.ofWorkerJar(worker).orElseThrow().entries())
                .containsExactly(worker, lib.resolve("jsoup-1.24.1.jar"));
    }

    @Test
    void aJarWithoutTheList_orNoJarAtAll_meansNoLeanClassPath() throws IOException {
        Path plain = lib.resolve("plain.jar");
        try (OutputStream out = Files.newOutputStream(plain); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new ZipEntry("x.txt"));
            jar.closeEntry();
        }

        assertThat(WorkerClassPath.ofWorkerJar(plain)).isEmpty();
        assertThat(WorkerClassPath.ofWorkerJar(touch("garbage.jar"))).isEmpty();
    }

    private Path touch(String name) throws IOException {
        return Files.writeString(lib.resolve(name), "x");
    }
}
