package crawler.bench.run;

import crawler.bench.BenchCommand;
import crawler.bench.Samples;
import crawler.bench.probe.TreeUsage;
import crawler.bench.judge.JudgedBench;
import crawler.bench.render.HtmlReport;
import crawler.bench.render.TextReport;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The wget2 reference rows without wget2: the PATH lookup is given a PATH of our own, and where a
 * run is needed a stand-in script plays wget2. Nothing here needs wget2 installed.
 */
class ReferenceRunsTest {

    private static final List<ReferenceRuns.Level> ONE = List.of(new ReferenceRuns.Level(10, 20, 0));

    @Test
    void withoutWget2OnPath_oneRowSaysHowToGetIt_andTheReportShowsIt(@TempDir Path emptyDir) throws Exception {
        Optional<Path> wget2 = Wget2.locate(emptyDir + java.io.File.pathSeparator + emptyDir.resolve("missing"));
        assertThat(wget2).isEmpty();
        List<Reference> rows = new ReferenceRuns(wget2, emptyDir, WholeProcessRun.ofThisJvm(), s -> { })
                .run(ONE, millis -> true, () -> Duration.ofSeconds(5));

        assertThat(rows).containsExactly(new Reference.NotRun("wget2", 0, Wget2.HOW_TO_GET));
        assertThat(Wget2.HOW_TO_GET).contains("apt-get install wget2");
        String text = TextReport.render(JudgedBench.of(withReferences(rows)));
        assertThat(text).contains("\n  wget2: wget2 is not on PATH: install it (the Debian and Ubuntu package is wget2")
                .doesNotContain("wget2 (ref)");
        assertThat(HtmlReport.render(JudgedBench.of(withReferences(rows)))).doesNotContain("wget2 (native C)");
    }

    @Test
    void theRow_isOnByDefault_offWithQuick_andTheFlagDecides() {
        assertThat(parsed().referenceRows()).isTrue();
        assertThat(parsed("--no-wget2").referenceRows()).isFalse();
        assertThat(parsed("--quick").referenceRows()).as("quick measures the models only").isFalse();
        assertThat(parsed("--quick", "--wget2").referenceRows()).isTrue();
    }

    private static BenchCommand parsed(String... args) {
        BenchCommand c = new BenchCommand();
        new picocli.CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void noIoCells_noRows(@TempDir Path dir) throws Exception {
        assertThat(new ReferenceRuns(Optional.empty(), dir, WholeProcessRun.ofThisJvm(), s -> { })
                .run(List.of(), millis -> true, () -> Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void locate_takesTheFirstExecutableOnThePath(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Path c = Files.createDirectories(dir.resolve("c"));
        Files.writeString(a.resolve("wget2"), "not executable");
        executable(b.resolve("wget2"), "exit 0");
        executable(c.resolve("wget2"), "exit 0");
        String sep = java.io.File.pathSeparator;
        assertThat(Wget2.locate(a + sep + sep + b + sep + c)).contains(b.resolve("wget2"));
        assertThat(Wget2.locate(null)).isEmpty();
    }

    @Test
    void aStandInThatFetchesNothing_isMeasured_andItsUrlSetReportedAsDiffering_filesRemoved(@TempDir Path dir) throws Exception {
        Path fake = executable(dir.resolve("bin/wget2"), "[ \"$1\" = --version ] && echo 'GNU Wget2 0.0 - stand-in'; exit 0");
        List<String> said = new ArrayList<>();
        List<Reference> rows = new ReferenceRuns(Optional.of(fake), dir.resolve("work"), WholeProcessRun.ofThisJvm(), said::add)
                .run(ONE, millis -> true, () -> Duration.ofSeconds(60));

        assertThat(rows).hasSize(1);
        Reference.Measured m = (Reference.Measured) rows.getFirst();
        assertThat(m.ok()).as(String.valueOf(m.failure())).isTrue();
        assertThat(m.version()).isEqualTo("GNU Wget2 0.0");
        assertThat(m.command()).isEqualTo("wget2 -r -l inf --max-threads=10 --robots=on");
        assertThat(m.concurrency()).isEqualTo(10);
        assertThat(m.run().exitCode()).isZero();
        assertThat(m.run().requests()).isZero();
        assertThat(m.run().peakInFlight()).isZero();
        assertThat(m.urls().matches()).isFalse();
        assertThat(m.urls().missing()).hasSize(m.urls().expected()).contains("/");
        assertThat(m.levels()).isGreaterThanOrEqualTo(2);
        assertThat(said).singleElement().asString().startsWith("reference wget2 c=10: 0 pages in");
        assertThat(dir.resolve("work/wget2-c10")).doesNotExist();
        assertThat(TextReport.render(JudgedBench.of(withReferences(rows)))).contains("wget2 c=10: " + m.levels() + " levels, 0 requests; URL set differs: ");
    }

    @Test
    void aLevelAboveTheThreadLimit_orBeyondTheBudget_isNotRun_andSaysWhy(@TempDir Path dir) throws Exception {
        Path fake = executable(dir.resolve("wget2"), "exit 0");
        List<Reference> rows = new ReferenceRuns(Optional.of(fake), dir, WholeProcessRun.ofThisJvm(), s -> { })
                .run(List.of(new ReferenceRuns.Level(100, 200, 100), new ReferenceRuns.Level(10_000, 10_000, 100)),
                        millis -> false, () -> Duration.ofSeconds(5));
        assertThat(rows).extracting(r -> ((Reference.NotRun) r).why())
                .containsExactly("skipped: budget (about 2 s needed)", "not run above 1,000 threads (wget2 starts a thread per download)");
    }

    @Test
    void wget2sOwnErrorExits_doNotFailTheRow_butATimeoutOrAnotherExitDoes() {
        assertThat(ReferenceRuns.failure(measured(0), Duration.ofSeconds(9))).isNull();
        assertThat(ReferenceRuns.failure(measured(8), Duration.ofSeconds(9))).as("error responses: the URL set says which").isNull();
        assertThat(ReferenceRuns.failure(measured(4), Duration.ofSeconds(9))).as("network failures: likewise").isNull();
        assertThat(ReferenceRuns.failure(measured(2), Duration.ofSeconds(9))).isEqualTo("exited with 2: bad option");
        assertThat(ReferenceRuns.failure(measured(-1), Duration.ofSeconds(9))).isEqualTo("killed at its time limit of 9 s");
    }

    @Test
    void levels_areTheIoCellsThatRan_byConcurrency() {
        assertThat(ReferenceRuns.levels(Samples.small().cells().stream().filter(c -> !c.skipped()).map(CellResult::cell).toList())).containsExactly(new ReferenceRuns.Level(2, 20, 100),
                new ReferenceRuns.Level(10, 50, 100), new ReferenceRuns.Level(100, 500, 100),
                new ReferenceRuns.Level(1000, 2000, 100));
    }

    private static WholeProcessRun.Measured measured(int exit) {
        return new WholeProcessRun.Measured(exit, 100, 10, TreeUsage.NOT_MEASURED, 1, 90, 3, java.util.Set.of(), "bad option");
    }

    private static BenchResult withReferences(List<Reference> refs) {
        BenchResult s = Samples.small();
        return new BenchResult(s.machine(), s.target(), s.repeats(), s.warmups(), s.unitStartup(), s.parkedUnits(), s.cells(),
                s.otherCpuShare(), s.elapsedMillis(), s.budget(), refs);
    }

    private static Path executable(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
