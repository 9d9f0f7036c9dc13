package crawler.bench.run;

import crawler.bench.plan.Contender;
import crawler.bench.plan.Scenario;
import crawler.bench.probe.Machine;
import crawler.bench.probe.TreeUsage;
import crawler.bench.render.CompareReport;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fixtures.SiteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison for real on a tiny site: this crawler (a child JVM of the test's class path) and a
 * stand-in for wget2 that fetches nothing. Checks what must hold whatever the timings: the crawler
 * fetched exactly the ground truth as the server saw it, the stand-in's empty crawl is reported as
 * differing, a missing wget2 is a row that says how to get it, and no files are left behind.
 */
class ComparisonTest {

    private static final Scenario TINY = new Scenario("t4", "tiny, C=4", SiteSpec.small().withFaults(false), 4);

    @Test
    void crawlerFetchesTheGroundTruth_standInFetchesNothing_bothMeasuredAsWholeProcesses(@TempDir Path dir) throws Exception {
        Path fake = Files.createDirectories(dir.resolve("bin")).resolve("wget2");
        Files.writeString(fake, "#!/bin/sh\n[ \"$1\" = --version ] && echo 'GNU Wget2 0.0 - stand-in'\nexit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> said = new ArrayList<>();
        Path work = Files.createDirectories(dir.resolve("work"));
        Comparison.Result r = new Comparison(List.of(TINY), List.of(Contender.WGET2, Contender.VIRTUAL), 1, Optional.of(fake),
                Launcher.thisJvm(), Duration.ofSeconds(60), work, WholeProcessRun.ofThisJvm(), said::add).run();

        assertThat(r.rows()).extracting(Comparison.Row::contender).containsExactly(Contender.WGET2, Contender.VIRTUAL);
        Comparison.Row standIn = r.rows().get(0);
        assertThat(standIn.ok()).as(String.valueOf(standIn.failure())).isTrue();
        assertThat(standIn.urls().fetched()).isZero();
        assertThat(standIn.urls().missing()).hasSize(standIn.urls().expected());
        Comparison.Row crawler = r.rows().get(1);
        assertThat(crawler.ok()).as(String.valueOf(crawler.failure())).isTrue();
        assertThat(crawler.urls().matches()).as(crawler.urls().describe()).isTrue();
        assertThat(crawler.urls().expected()).isGreaterThan(10);
        assertThat(crawler.measured().peakInFlight()).isBetween(1, 4);
        assertThat(crawler.measured().cpuMillis()).as("a JVM's whole-tree CPU").isPositive();
        assertThat(crawler.measured().requests()).as("robots.txt and every page").isGreaterThan(crawler.urls().expected());
        assertThat(r.wget2Version()).isEqualTo("GNU Wget2 0.0");
        assertThat(said).anyMatch(l -> l.contains("virtual") && l.contains("URL set = truth"));
        try (var left = Files.list(work)) {
            assertThat(left.filter(Files::isDirectory)).as("each crawl's files deleted").isEmpty();
        }
        assertThat(CompareReport.render(r, Machine.current(), java.time.LocalDate.of(2026, 1, 1)))
                .contains("| tiny, C=4: URL set | " + standIn.urls().brief() + " | = truth (");
    }

    @Test
    void withoutWget2_itsRowsSayHowToGetIt_andNothingRuns(@TempDir Path work) throws IOException, InterruptedException {
        Comparison.Result r = new Comparison(List.of(TINY), List.of(Contender.WGET2), 2, Optional.empty(), Launcher.thisJvm(),
                Duration.ofSeconds(60), work, WholeProcessRun.ofThisJvm(), line -> { }).run();
        assertThat(r.rows()).hasSize(2).allSatisfy(row -> {
            assertThat(row.measured()).isNull();
            assertThat(row.failure()).isEqualTo(Wget2.HOW_TO_GET);
        });
        assertThat(r.wget2Version()).isNull();
    }

    @Test
    void wget2sPartialExits_count_aCrawlersDoNot() {
        WholeProcessRun.Measured eight = new WholeProcessRun.Measured(8, 1, 1, TreeUsage.NOT_MEASURED, 1, 1, 1, java.util.Set.of(), "x");
        assertThat(Comparison.failure(Contender.WGET2, eight)).isNull();
        assertThat(Comparison.failure(Contender.VIRTUAL, eight)).isEqualTo("exited with 8: x");
        WholeProcessRun.Measured killed = new WholeProcessRun.Measured(-1, 1, 1, TreeUsage.NOT_MEASURED, 1, 1, 1, java.util.Set.of(), "x");
        assertThat(Comparison.failure(Contender.WGET2, killed)).isEqualTo("killed at its time limit");
    }
}
