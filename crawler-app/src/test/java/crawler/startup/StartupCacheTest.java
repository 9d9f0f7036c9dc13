package crawler.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StartupCacheTest {

    private static final Path ROOT = Path.of("/install/startup");

    @ParameterizedTest
    @CsvSource({
        "25, 25.0.3+9-LTS, worker, /install/startup/25.0.3+9-LTS/worker.aot, -XX:AOTCache=",
        "26, 26-ea+3, app, /install/startup/26-ea+3/app.aot, -XX:AOTCache=",
        "21, 21.0.5+11-Debian-1, worker, /install/startup/21.0.5+11-Debian-1/worker.jsa, -XX:SharedArchiveFile=",
        "24, 24.0.1+9, app, /install/startup/24.0.1+9/app.jsa, -XX:SharedArchiveFile="
    })
    void cacheFile_isPerJdkBuildAndRole_withTheJdksMechanism(int feature, String runtime, String role, String file,
            String useOption) {
        StartupCache cache = StartupCache.of(ROOT, runtime, feature, role).orElseThrow();

        assertThat(cache.file()).isEqualTo(Path.of(file));
        assertThat(cache.useOptions()).containsExactly(useOption + file);
    }

    @Test
    void trainOption_writesTheCacheAtExit() {
        Path out = Path.of("/tmp/w.tmp");

        assertThat(StartupCache.of(ROOT, "25.0.3", 25, "worker").orElseThrow().trainOption(out))
                .isEqualTo("-XX:AOTCacheOutput=/tmp/w.tmp");
        assertThat(StartupCache.of(ROOT, "21.0.3", 21, "worker").orElseThrow().trainOption(out))
                .isEqualTo("-XX:ArchiveClassesAtExit=/tmp/w.tmp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "25 beta", "../../etc", "25/0"})
    void runtimeVersionThatCannotNameADirectory_meansNoCache(String runtime) {
        assertThat(StartupCache.of(ROOT, runtime, 25, "app")).isEmpty();
    }

    @Test
    void quietLogSelection_namesTheAotTagOnlyWhereItExists() {
        assertThat(StartupCache.quietLogSelection(25)).isEqualTo("aot*=off,cds*=off");
        assertThat(StartupCache.quietLogSelection(24)).isEqualTo("cds*=off");
    }
}
