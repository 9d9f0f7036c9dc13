package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.exec.Batch;
import crawler.exec.ExecEvent;
import crawler.fetch.FetchConfig;
import crawler.fixtures.ExpectedPage;
import crawler.fixtures.FaultPage;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.ErrorKind;
import crawler.page.PageResult;
import crawler.page.PageTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Process mode against the fixture site with the real fetch unit in real worker JVMs. Each test
 * starts its own workers; all of them must be gone after shutdown.
 *
 * <p>Over 300 lines: every test drives the same executor through the same helpers (the site's
 * URLs as batches, launchers of test worker mains, the all-gone check), and splitting the class
 * would mean sharing those as one more helper class for no gain in reading.
 */
class ProcessExecutorTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    private static final long GRACE_MS = 10_000;
    private static final int BATCH_SIZE = 3;

    private static Map<String, ExpectedPage> expected() {
        return SITE.server().manifest().reachable(1);
    }

    /** The first {@code n} URLs of {@link #expected()}. */
    private static List<String> firstUrls(int n) {
        return List.copyOf(expected().keySet()).subList(0, n);
    }

    /** One batch of these URLs, each at depth 1. */
    private static Batch batchOf(List<String> urls) {
        return new Batch(1, urls.stream().map(u -> new PageTask(u, 1)).toList());
    }

    /** Worker JVMs running {@code main}, each with these {@code name=value} system properties. */
    private static WorkerLauncher launcher(Class<?> main, String... properties) {
        return WorkerLauncher.forCurrentJvm(java.util.Arrays.stream(properties).map(p -> "-D" + p).toList())
                .withMainClass(main.getName());
    }

    /**
     * One worker of {@code threads} threads whose first attempt at {@code stuck} hangs; a wedged one
     * also ignores the cancel of that attempt.
     */
    private static ProcessExecutor hangingOn(String stuck, boolean wedged, int threads, java.time.Duration cancelGrace,
            Collector collector) {
        WorkerLauncher launcher = launcher(HangWorkerMain.class, HangWorkerMain.HANG_ON_URL + "=" + stuck,
                HangWorkerMain.WEDGED + "=" + wedged);
        return new ProcessExecutor(ProcessConfig.of(1, threads).withCancelGrace(cancelGrace), FetchConfig.defaults(),
                collector, launcher);
    }

    private static List<Batch> batches(Map<String, ExpectedPage> pages) {
        List<PageTask> tasks = pages.values().stream().map(p -> new PageTask(p.url(), p.depth())).toList();
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i += BATCH_SIZE) {
            batches.add(new Batch(batches.size(), tasks.subList(i, Math.min(tasks.size(), i + BATCH_SIZE))));
        }
        return batches;
    }

    /** Each URL once, and each outcome the one the manifest predicts. */
    private static void assertMatchesManifest(List<PageResult> results, Map<String, ExpectedPage> pages) {
        assertThat(results).extracting(PageResult::url).containsExactlyInAnyOrderElementsOf(pages.keySet());
        assertThat(results).allSatisfy(r -> {
            ExpectedPage e = pages.get(r.url());
            assertThat(r.error() == null ? null : r.error().kind().name()).as("error of %s", r.url())
                    .isEqualTo(e.errorKind());
            assertThat(r.status()).as("status of %s", r.url()).isEqualTo(e.status());
        });
    }

    private static void assertAllGone(ProcessExecutor executor) {
        assertThat(executor.spawnedPids()).isNotEmpty().allSatisfy(pid -> assertThat(
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse());
    }

    @Test
    void twoWorkers_fetchEveryUrlOnce_inTwoOtherProcesses() throws Exception {
        Map<String, ExpectedPage> pages = expected();
        List<Batch> batches = batches(pages);
        assertThat(batches).hasSizeGreaterThanOrEqualTo(2);
        // Results wait until every batch is handed out, so dispatch sees real outstanding counts
        // and both workers get work however fast the first one is.
        CountDownLatch allSubmitted = new CountDownLatch(1);
        Collector collector = new Collector(allSubmitted);
        ProcessExecutor executor = new ProcessExecutor(ProcessConfig.of(2, 2), FetchConfig.defaults(), collector);
        List<PageResult> results;
        try {
            batches.forEach(executor::submit);
            allSubmitted.countDown();
            results = collector.take(pages.size());
        } finally {
            executor.shutdown(GRACE_MS);
        }

        assertMatchesManifest(results, pages);
        Set<Long> pids = results.stream().map(PageResult::pid).collect(Collectors.toSet());
        assertThat(pids).hasSize(2).doesNotContain(ProcessHandle.current().pid());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.workerId()).isIn(1, 2);
            assertThat(r.threadName()).matches("worker-[12]-fetch-[01]");
            assertThat(r.virtual()).isFalse();
        });
        Map<Integer, Set<Long>> pidsByWorker = results.stream().collect(
                Collectors.groupingBy(PageResult::workerId, Collectors.mapping(PageResult::pid, Collectors.toSet())));
        assertThat(pidsByWorker.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        List<ExecEvent.WorkerStarted> started = collector.events(ExecEvent.WorkerStarted.class);
        assertThat(started).extracting(ExecEvent.WorkerStarted::pid).containsExactlyInAnyOrderElementsOf(pids);
        assertThat(started).extracting(ExecEvent.WorkerStarted::workerId).containsExactlyInAnyOrder(1, 2);
        // One first result per worker, reported once, and never before that worker's hello.
        List<ExecEvent.WorkerFirstResult> first = collector.events(ExecEvent.WorkerFirstResult.class);
        assertThat(first).extracting(ExecEvent.WorkerFirstResult::pid).containsExactlyInAnyOrderElementsOf(pids);
        assertThat(first).allSatisfy(f -> assertThat(f.spawnToResultMs()).isGreaterThanOrEqualTo(
                started.stream().filter(s -> s.pid() == f.pid()).findFirst().orElseThrow().startupMs()));
        assertThat(collector.events(ExecEvent.WorkerDied.class)).isEmpty();
        assertThat(collector.results).isEmpty();
        assertAllGone(executor);
    }

    @Test
    void chaosKills_loseNothing_andDeliverEachUrlOnce() throws Exception {
        Map<String, ExpectedPage> pages = expected();
        int killEvery = 5;
        // Each kill charges at most threadsPerWorker URLs one attempt; with more attempts allowed than
        // kills can happen, no URL may end as WORKER_CRASH.
        int maxKills = pages.size() / killEvery;
        ProcessConfig config = ProcessConfig.of(2, 2).withChaosKillEveryResults(killEvery)
                .withMaxAttemptsPerUrl(maxKills + 1);
        Collector collector = new Collector();
        ProcessExecutor executor = new ProcessExecutor(config, FetchConfig.defaults(), collector);
        List<PageResult> results;
        try {
            batches(pages).forEach(executor::submit);
            results = collector.take(pages.size());
        } finally {
            executor.shutdown(GRACE_MS);
        }

        assertMatchesManifest(results, pages);
        List<ExecEvent.WorkerDied> died = collector.events(ExecEvent.WorkerDied.class);
        assertThat(died).isNotEmpty().allSatisfy(d -> {
            assertThat(d.exitCode()).isEqualTo(137); // 128 + SIGKILL
            assertThat(d.abandoned()).isZero();
        });
        assertThat(died.size()).isLessThanOrEqualTo(maxKills);
        assertThat(collector.results).isEmpty();
        assertAllGone(executor);
    }

    @Test
    void poisonUrl_isReportedAsWorkerCrash_afterMaxAttempts_andTheRestCompletes() throws Exception {
        Map<String, ExpectedPage> pages = expected();
        String poison = pages.keySet().stream().skip(1).findFirst().orElseThrow();
        // One thread per worker: the poison URL is the only one running when its worker dies, so
        // it alone is charged attempts.
        ProcessConfig config = ProcessConfig.of(2, 1);
        WorkerLauncher launcher = launcher(PoisonWorkerMain.class, PoisonWorkerMain.HALT_ON_URL + "=" + poison);
        Collector collector = new Collector();
        ProcessExecutor executor = new ProcessExecutor(config, FetchConfig.defaults(), collector, launcher);
        List<PageResult> results;
        try {
            batches(pages).forEach(executor::submit);
            results = collector.take(pages.size());
        } finally {
            executor.shutdown(GRACE_MS);
        }

        Map<String, PageResult> byUrl = results.stream().collect(Collectors.toMap(PageResult::url, Function.identity()));
        assertThat(byUrl).hasSize(pages.size());
        assertThat(byUrl.get(poison).error().kind()).isEqualTo(ErrorKind.WORKER_CRASH);
        assertThat(byUrl.get(poison).error().message()).contains("died 3 times");
        Map<String, ExpectedPage> rest = pages.entrySet().stream().filter(e -> !e.getKey().equals(poison))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertMatchesManifest(results.stream().filter(r -> !r.url().equals(poison)).toList(), rest);
        List<ExecEvent.WorkerDied> died = collector.events(ExecEvent.WorkerDied.class);
        assertThat(died).hasSize(ProcessConfig.DEFAULT_MAX_ATTEMPTS_PER_URL)
                .allSatisfy(d -> assertThat(d.exitCode()).isEqualTo(PoisonWorkerMain.HALT_STATUS));
        assertThat(died).extracting(ExecEvent.WorkerDied::abandoned).containsExactly(0, 0, 1);
        assertThat(executor.spawnedPids()).hasSize(2 + ProcessConfig.DEFAULT_MAX_ATTEMPTS_PER_URL);
        assertThat(collector.results).isEmpty();
        assertAllGone(executor);
    }

    @Test
    void rehand_cancelsOnlyTheStuckUrl_inItsWorker_whichKeepsRunning() throws Exception {
        List<String> urls = firstUrls(3);
        String stuck = urls.get(0);
        Collector collector = new Collector();
        // A long grace: a worker killed here was killed for the re-hand, not for failing to answer.
        ProcessExecutor executor = hangingOn(stuck, false, 3, java.time.Duration.ofMinutes(2), collector);
        List<PageResult> first;
        PageResult again;
        try {
            executor.submit(batchOf(urls));
            first = collector.take(2);
            assertThat(first).extracting(PageResult::url).doesNotContain(stuck);

            assertThat(executor.rehand(List.of(stuck))).containsExactly(stuck);
            again = collector.take(1).get(0);
        } finally {
            executor.shutdown(GRACE_MS);
        }

        assertThat(again.url()).isEqualTo(stuck);
        assertThat(again.error()).as("the second attempt does not hang").isNull();
        assertThat(executor.spawnedPids()).as("no worker killed or respawned").hasSize(1);
        assertThat(again.pid()).isEqualTo(first.get(0).pid()).isEqualTo(executor.spawnedPids().get(0));
        assertThat(collector.events(ExecEvent.WorkerDied.class)).isEmpty();
        assertThat(collector.results).isEmpty();
        assertAllGone(executor);
    }

    @Test
    void rehand_killsTheWorker_onlyWhenItDoesNotAnswerTheCancel() throws Exception {
        List<String> urls = firstUrls(2);
        String stuck = urls.get(0);
        Collector collector = new Collector();
        ProcessExecutor executor = hangingOn(stuck, true, 2, java.time.Duration.ofMillis(500), collector);
        ExecEvent died = null;
        try {
            executor.submit(batchOf(urls));
            assertThat(collector.take(1)).extracting(PageResult::url).containsExactly(urls.get(1));

            assertThat(executor.rehand(List.of(stuck))).containsExactly(stuck);
            died = collector.awaitEvent(ExecEvent.WorkerDied.class);
        } finally {
            executor.shutdown(0);
        }

        assertThat(died).as("the wedged worker is killed after the cancel grace")
                .isInstanceOfSatisfying(ExecEvent.WorkerDied.class, d -> {
                    assertThat(d.exitCode()).isEqualTo(137);
                    assertThat(d.requeued()).isEqualTo(1);
                });
        assertAllGone(executor);
    }

    @Test
    void tornWarcTail_ofAWorkerThatDied_isCutOff_whenTheCrawlEnds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<String> urls = firstUrls(3);
        String tearing = urls.get(1);
        String prefix = dir.resolve("crawl").toString();
        FetchConfig fetch = FetchConfig.defaults().withWarc(new crawler.archive.WarcConfig(prefix,
                crawler.archive.WarcConfig.DEFAULT_MAX_FILE_BYTES, null, "process", 1, "test"));
        WorkerLauncher launcher = launcher(TornWarcWorkerMain.class, TornWarcWorkerMain.TEAR_ON_URL + "=" + tearing);
        Collector collector = new Collector();
        // One thread: the first URL is archived before the second tears the file; one attempt: no retry.
        ProcessExecutor executor = new ProcessExecutor(ProcessConfig.of(1, 1).withMaxAttemptsPerUrl(1), fetch,
                collector, launcher);
        try {
            executor.submit(new Batch(1, List.of(new PageTask(urls.get(0), 1))));
            collector.take(1);
            executor.submit(new Batch(2, List.of(new PageTask(tearing, 1), new PageTask(urls.get(2), 1))));
            collector.take(2);
        } finally {
            executor.shutdown(GRACE_MS);
        }

        List<java.nio.file.Path> files = crawler.archive.WarcFiles.list(prefix);
        assertThat(files).isNotEmpty();
        assertThat(files).allSatisfy(f -> assertThat(crawler.archive.WarcTruncator.check(f).torn())
                .as("%s torn", f).isFalse());
        assertThat(files.stream().mapToInt(f -> {
            try {
                return crawler.archive.WarcTruncator.check(f).urls();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sum()).as("the two URLs archived whole").isEqualTo(2);
        assertAllGone(executor);
    }

    @Test
    void stdoutLineOverTheLimit_isAProtocolError_handledLikeACrashOfThatWorker() throws Exception {
        List<String> urls = firstUrls(3);
        String noisy = urls.get(1);
        WorkerLauncher launcher = launcher(PoisonWorkerMain.class, PoisonWorkerMain.HUGE_LINE_ON_URL + "=" + noisy);
        Collector collector = new Collector();
        // One attempt: the URL whose worker broke the protocol is reported, not retried.
        ProcessExecutor executor = new ProcessExecutor(ProcessConfig.of(1, 1).withMaxAttemptsPerUrl(1),
                FetchConfig.defaults(), collector, launcher, PoisonWorkerMain.HUGE_LINE_CHARS / 2);
        List<PageResult> results;
        try {
            executor.submit(batchOf(urls));
            results = collector.take(3);
        } finally {
            executor.shutdown(GRACE_MS);
        }

        Map<String, PageResult> byUrl = results.stream().collect(Collectors.toMap(PageResult::url, Function.identity()));
        assertThat(byUrl.get(noisy).error().kind()).isEqualTo(ErrorKind.WORKER_CRASH);
        assertThat(byUrl.get(urls.get(0)).error()).isNull();
        assertThat(byUrl.get(urls.get(2)).error()).isNull();
        assertThat(collector.events(ExecEvent.WorkerDied.class)).singleElement()
                .satisfies(d -> assertThat(d.exitCode()).isEqualTo(137));
        assertAllGone(executor);
    }

    @Test
    void noWorkerLeft_andNoneStarting_failsTheSubstrate_insteadOfFailingEveryUrl(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<String> urls = firstUrls(3);
        String poison = urls.get(0);
        WorkerLauncher launcher = launcher(PoisonWorkerMain.class, PoisonWorkerMain.HALT_ON_URL + "=" + poison,
                PoisonWorkerMain.ONLY_FIRST_STARTS + "=" + dir.resolve("started"));
        Collector collector = new Collector();
        ProcessExecutor executor = new ProcessExecutor(ProcessConfig.of(1, 1), FetchConfig.defaults(), collector,
                launcher);
        ExecEvent failed = null;
        try {
            executor.submit(batchOf(urls));
            failed = collector.awaitEvent(ExecEvent.SubstrateFailed.class);
            assertThat(failed).as("the executor says it cannot go on")
                    .isInstanceOfSatisfying(ExecEvent.SubstrateFailed.class,
                            f -> assertThat(f.reason()).contains("no worker process is left"));
            assertThatThrownBy(() -> executor.submit(new Batch(2, List.of(new PageTask(urls.get(1) + "?x", 1)))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no worker process is left");
        } finally {
            executor.shutdown(0);
        }
        // The URLs the dead worker held were not turned into a WORKER_CRASH each.
        assertThat(collector.results).noneSatisfy(r -> assertThat(r.error()).isNotNull());
        assertThat(executor.spawnedPids()).as("the first worker, then every try at replacing it").hasSize(6);
        assertAllGone(executor);
    }

    @Test
    void shutdownWithoutGrace_killsBusyWorkers_andRefusesMoreWork() throws Exception {
        String slow = SITE.server().manifest().urlOf(FaultPage.SLOW_DRIBBLE);
        Collector collector = new Collector();
        ProcessExecutor executor = new ProcessExecutor(ProcessConfig.of(1, 1), FetchConfig.defaults(), collector);
        executor.submit(new Batch(1, List.of(new PageTask(slow, 2))));

        executor.shutdown(0);

        assertAllGone(executor);
        assertThat(executor.spawnedPids()).hasSize(1);
        assertThat(collector.events(ExecEvent.WorkerDied.class)).isEmpty();
        assertThatThrownBy(() -> executor.submit(new Batch(2, List.of(new PageTask(slow, 2)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down");
    }

    @Test
    void workerThatRejectsItsConfig_failsConstruction_withTheWorkersReason() {
        // The poison worker builds its processor from the config; a processor that cannot be built
        // makes the worker send a fatal message and exit 2 before hello.
        WorkerLauncher launcher = launcher(PoisonWorkerMain.class, PoisonWorkerMain.FAIL_TO_BUILD + "=true");

        assertThatThrownBy(() -> new ProcessExecutor(ProcessConfig.of(1, 1), FetchConfig.defaults(), new Collector(),
                launcher))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with 2 before saying hello: cannot build page processor")
                .hasMessageContaining("refusing to build");
    }

    @Test
    void workerThatCannotStart_failsConstruction_withItsStderr() {
        WorkerLauncher launcher = WorkerLauncher.forCurrentJvm(List.of()).withMainClass("crawler.NoSuchMain");
        Collector collector = new Collector();

        assertThatThrownBy(() -> new ProcessExecutor(ProcessConfig.of(1, 1), FetchConfig.defaults(), collector,
                launcher))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker 1")
                .hasMessageContaining("before saying hello")
                .hasMessageContaining("crawler.NoSuchMain");
    }
}
