package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.FixtureSiteExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a process-mode crawl, as a terminal sends it: SIGINT to the crawler's whole process
 * group. The crawler runs in a child JVM that leads a session of its own (so the signal reaches
 * nothing of the test's). The workers, in sessions of their own, are not hit by it: the
 * coordinator stops them in order and they finish the URLs they hold (none is abandoned), none
 * dies or is replaced, the results file ends on a whole line, every worker is gone, and
 * {@code --resume} finishes the crawl with every ground-truth URL once.
 */
class CtrlCProcessModeTest {

    private static final int LINES_BEFORE_SIGNAL = 10;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(InterruptedCrawl.site());

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses();

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @TempDir
    Path dir;

    @Test
    void sigintToTheProcessGroup_stopsWorkersInOrder_andResumeFinishes() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid(1) to lead a group");
        FixtureServer site = SITE.server();
        Path out = dir.resolve("results.jsonl");
        // env resets SIGINT to its default: a JVM started with SIGINT ignored (a background job of a
        // shell without job control, as a build may be) keeps ignoring it, and there is nothing to test.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "/usr/bin/setsid"));
        Path summary = dir.resolve("summary.json");
        command.addAll(ChildCrawl.javaCommand(InterruptedCrawl.args(site, out, "process", "--summary", summary.toString())));
        Path childErr = dir.resolve("first.stderr");
        ChildCrawl child = ChildCrawl.startCommand(command, childErr);
        orphans.track(child.handle());
        child.awaitLines(out, LINES_BEFORE_SIGNAL, LIMIT);

        assertThat(Files.readAllLines(Path.of("/proc", String.valueOf(child.pid()), "status")))
                .as("SIGINT not ignored by the crawler").filteredOn(l -> l.startsWith("SigIgn:")).singleElement()
                .satisfies(l -> assertThat(Long.parseLong(l.substring(7).strip(), 16) & 2).isZero());
        List<ProcessHandle> workers = child.handle().descendants().toList();
        workers.forEach(orphans::track);
        Set<Long> workerPids = workers.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertThat(workerPids).as("the crawler's worker processes").hasSize(2);
        // As a terminal does on Ctrl-C: to every process of the foreground group, here the one the child leads.
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + child.pid()).inheritIO().start();
        assertThat(kill.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();

        int code = child.awaitExit(LIMIT);
        String log = child.stderrText();
        assertThat(code).as(log).isEqualTo(CrawlCommand.EXIT_INTERRUPTED);
        assertThat(NoOrphanProcesses.leftAlive(workers, NoOrphanProcesses.EXIT_WAIT)).as("workers left running")
                .isEmpty();
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes).isNotEmpty();
        assertThat(bytes[bytes.length - 1]).as("results end on a whole line").isEqualTo((byte) '\n');
        ObjectMapper json = new ObjectMapper();
        Set<Long> resultPids = new HashSet<>();
        for (String line : Files.readAllLines(out)) {
            resultPids.add(json.readTree(line).get("pid").asLong());
        }
        assertThat(workerPids).as("every page came from the first two workers: none was replaced; log:%n%s", log)
                .containsAll(resultPids);
        assertThat(log).doesNotContain("died with exit code").doesNotContain("exited with")
                .doesNotContain("killing it");
        // The grace let the workers finish what they held: every URL handed out has its line.
        assertThat(json.readTree(summary.toFile()).get("abandoned").asLong()).as(log).isZero();

        int recorded = ResumeFiles.urls(out).size();
        assertThat(recorded).as("stopped mid-crawl").isLessThan(site.manifest().reachable(InterruptedCrawl.DEPTH).size());
        int resumed = Main.commandLine().execute(InterruptedCrawl.args(site, out, "process", "--resume").toArray(String[]::new));
        assertThat(resumed).as(stderr.text()).isZero();
        List<String> urls = ResumeFiles.urls(out);
        assertThat(urls).as("no URL twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(urls)).isEqualTo(site.manifest().reachable(InterruptedCrawl.DEPTH).keySet());
    }
}
