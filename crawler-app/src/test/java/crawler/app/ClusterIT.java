package crawler.app;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.Mode;
import crawler.exec.cluster.ClusterConfig;
import crawler.fixtures.FixtureServer;
import crawler.fixtures.Latency;
import crawler.fixtures.SiteSpec;
import crawler.page.PageResult;
import crawler.report.CrawlSummary;
import crawler.report.MemberShare;
import crawler.report.ResultSink;
import crawler.startup.CrawlJvmOptions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode across processes: three members as separate JVMs on 127.0.0.1 (the packaged jars,
 * {@code crawler member}), the test's crawl joining them as a lite member. Several fixture sites,
 * one per port, give the crawl several hosts to spread over the members.
 */
class ClusterIT {

    private static final int DEPTH = 3;
    private static final int SITES = 9;
    private static final int CONCURRENCY = 16;
    private static final Duration READY_WAIT = Duration.ofSeconds(90);
    private static final Pattern READY = Pattern.compile("member pid (\\d+) ready at ([^:]+):(\\d+) in cluster");

    @RegisterExtension
    final NoOrphanProcesses orphans = new NoOrphanProcesses(Duration.ofSeconds(30));

    @TempDir
    Path tmp;

    private final String clusterName = "it-" + UUID.randomUUID();
    private final List<FixtureServer> sites = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private long started;
    private long membersReady;

    private record Member(Process process, long pid, String host, int port) {
    }

    @BeforeEach
    void startSitesAndMembers() throws Exception {
        for (int i = 0; i < SITES; i++) {
            // Some latency, so a crawl is still running when a member is killed after its first results;
            // no fault pages (the contract test crawls those in cluster mode): here they would only cost CPU.
            sites.add(FixtureServer.start(new SiteSpec(42 + i, 40, 4, 4, 1024,
                    new Latency.Fixed(Duration.ofMillis(40)), false, 0)));
        }
        started = System.nanoTime();
        // One, then two: members started at the same instant spend about 5 s electing a master.
        Member first = startMember(List.of()).get(READY_WAIT.toSeconds(), TimeUnit.SECONDS);
        members.add(first);
        String join = "127.0.0.1:" + first.port();
        CompletableFuture<Member> second = startMember(List.of(join));
        CompletableFuture<Member> third = startMember(List.of(join));
        members.add(second.get(READY_WAIT.toSeconds(), TimeUnit.SECONDS));
        members.add(third.get(READY_WAIT.toSeconds(), TimeUnit.SECONDS));
        membersReady = System.nanoTime();
    }

    @AfterEach
    void stopMembersAndSites() throws InterruptedException {
        long t0 = System.nanoTime();
        for (Member m : members) {
            m.process().destroy(); // SIGTERM: a graceful leave
        }
        for (Member m : members) {
            if (!m.process().waitFor(30, TimeUnit.SECONDS)) {
                m.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        sites.forEach(FixtureServer::close);
        System.out.printf("ClusterIT: members stopped in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    @Test
    void threeMemberJvms_crawlExactlyTheGroundTruth_withBatchesOnEveryMember() {
        assertThat(members).extracting(Member::host).containsOnly("127.0.0.1");
        Crawl crawl = crawl(r -> { });

        assertThat(crawl.urls()).as("no URL reported twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(crawl.urls())).isEqualTo(groundTruth());
        assertThat(crawl.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
        Set<Long> memberPids = members.stream().map(Member::pid).collect(Collectors.toSet());
        Set<Long> pids = crawl.results().stream().map(PageResult::pid).collect(Collectors.toSet());
        assertThat(memberPids).containsAll(pids);
        // Nine hosts over three members: all on one member has odds of 3 in 3^9; the log names the spread.
        assertThat(pids).as("members that ran batches; %s", crawl.log()).hasSizeGreaterThanOrEqualTo(2);
        // The summary's hosts per member: each host counted on the one member that owns it.
        Map<String, MemberShare> shares = crawl.summary().members();
        assertThat(shares.keySet()).as("members in the summary").hasSizeGreaterThanOrEqualTo(2)
                .allMatch(m -> memberPids.stream().anyMatch(pid -> m.endsWith(" pid " + pid)));
        assertThat(shares.values().stream().mapToInt(MemberShare::hosts).sum()).as("hosts over members; %s", shares)
                .isEqualTo(sites.size());
        assertThat(shares.values().stream().mapToLong(MemberShare::pages).sum()).isEqualTo(crawl.summary().pages());
        assertThat(crawler.report.SummaryFormatter.format(crawl.summary())).contains("hosts per member: 127.0.0.1:");
    }

    @Test
    void killingAMemberMidCrawl_stillGivesTheGroundTruth_withEachUrlOnce() throws Exception {
        long[] killed = {-1};
        Crawl crawl = crawl(r -> {
            // After the first results, SIGKILL the member that just delivered one: it owns work.
            if (killed[0] < 0 && r.pid() != ProcessHandle.current().pid()) {
                members.stream().filter(m -> m.pid() == r.pid()).findFirst().ifPresent(m -> {
                    killed[0] = m.pid();
                    m.process().destroyForcibly();
                });
            }
        });
        assertThat(killed[0]).as("a member was killed").isPositive();
        Member victim = members.stream().filter(m -> m.pid() == killed[0]).findFirst().orElseThrow();
        assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.process().exitValue()).isEqualTo(137);

        assertThat(crawl.urls()).as("no URL reported twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(crawl.urls())).isEqualTo(groundTruth());
        assertThat(crawl.summary().stopReason()).isEqualTo(crawler.report.StopReason.COMPLETE);
        assertThat(crawl.results()).extracting(r -> r.error() == null ? null : r.error().kind().name())
                .doesNotContain("WORKER_CRASH", "STALLED");
        long pagesAfterDeath = crawl.results().stream().filter(r -> r.pid() != killed[0]).count();
        assertThat(pagesAfterDeath).as("pages the surviving members fetched").isPositive();
        // Pages fetched twice: at most those in flight on the dead member, bounded by the concurrency.
        long fetchedTwice = 0;
        for (FixtureServer site : sites) {
            for (String path : site.requestedPaths()) {
                if (!path.equals("/robots.txt")) {
                    fetchedTwice += site.requestCount(path) - 1;
                }
            }
        }
        assertThat(fetchedTwice).as("pages fetched more than once").isLessThanOrEqualTo(CONCURRENCY);
        System.out.printf("ClusterIT: member pid %d killed; %d page request(s) repeated%n", killed[0], fetchedTwice);
    }

    private Set<String> groundTruth() {
        Set<String> expected = new HashSet<>();
        sites.forEach(s -> expected.addAll(s.manifest().reachable(DEPTH).keySet()));
        return expected;
    }

    private record Crawl(List<PageResult> results, List<String> urls, CrawlSummary summary, String log) {
    }

    private Crawl crawl(java.util.function.Consumer<PageResult> onResult) {
        long t0 = System.nanoTime();
        try {
            return crawlOnce(onResult);
        } finally {
            System.out.printf("ClusterIT: members ready %d ms after the sites; crawl %d ms; pages %d%n",
                    TimeUnit.NANOSECONDS.toMillis(membersReady - started), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), groundTruth().size());
        }
    }

    private Crawl crawlOnce(java.util.function.Consumer<PageResult> onResult) {
        List<PageResult> results = Collections.synchronizedList(new ArrayList<>());
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        ClusterConfig cluster = ClusterConfig.of(clusterName, null, freePort(),
                List.of("127.0.0.1:" + members.getFirst().port()));
        CrawlSummary summary = new CrawlJob(TestCrawls.settings(Mode.CLUSTER, DEPTH, CONCURRENCY, 2, 0), log, cluster)
                .run(sites.stream().map(s -> s.manifest().startUrl()).toList(), ResultSink.of(r -> {
                    results.add(r);
                    onResult.accept(r);
                }), c -> { });
        List<PageResult> all = List.copyOf(results);
        return new Crawl(all, all.stream().map(PageResult::url).toList(), summary,
                logBytes.toString(StandardCharsets.UTF_8));
    }

    /** Starts {@code crawler member} from the packaged jars; completes when it says it is ready. */
    private CompletableFuture<Member> startMember(List<String> join) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CrawlJvmOptions.RUNTIME);
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-Xmx256m", "-cp", Path.of("target", "crawler-app.jar") + File.pathSeparator
                + Path.of("target", "lib") + File.separator + "*", "crawler.app.Main", "member",
                "--cluster-name", clusterName, "--port", Integer.toString(freePort())));
        for (String j : join) {
            command.addAll(List.of("--join", j));
        }
        File stderr = tmp.resolve("member-" + UUID.randomUUID() + ".err").toFile();
        Process p = new ProcessBuilder(command).redirectError(stderr).start();
        orphans.track(p.toHandle());
        CompletableFuture<Member> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("member-stdout-" + p.pid()).start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(new Member(p, Long.parseLong(m.group(1)), m.group(2), Integer.parseInt(m.group(3))));
                    }
                }
                ready.completeExceptionally(new AssertionError("member exited before it was ready: "
                        + java.nio.file.Files.readString(stderr.toPath())));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        return ready;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
