package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fetch.FetchConfig;
import crawler.fixtures.FixtureSiteExtension;
import crawler.fixtures.SiteSpec;
import crawler.page.PageTask;
import crawler.protocol.Codec;
import crawler.protocol.FromWorker;
import crawler.protocol.ToWorker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real worker JVM driven by hand over its pipes: the wire format and the no-orphan rule. */
class WorkerMainProcessTest {

    @RegisterExtension
    static final FixtureSiteExtension SITE = new FixtureSiteExtension(SiteSpec.small());

    private static final long WAIT_S = 60;

    @Test
    void strayPrints_stayOffTheProtocolChannel_andStdinEof_endsTheWorker() throws Exception {
        Codec codec = new Codec();
        String url = SITE.server().manifest().startUrl();
        // The poison worker prints to System.out on every URL; the poison URL itself is never sent.
        Process process = WorkerLauncher
                .forCurrentJvm(List.of("-D" + PoisonWorkerMain.HALT_ON_URL + "=none"))
                .withMainClass(PoisonWorkerMain.class.getName())
                .start();
        try {
            process.getErrorStream().close(); // not read here; closing it keeps the child from blocking on a full pipe
            Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            stdin.write(codec.encode(new ToWorker.Config(7, 1, FetchConfig.defaults())) + "\n");
            stdin.write(codec.encode(new ToWorker.BatchMessage(1, List.of(new PageTask(url, 0)))) + "\n");
            stdin.flush();

            List<FromWorker> messages = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String line = stdout.readLine();
                assertThat(line).as("line %d", i).isNotNull();
                messages.add(codec.decodeFromWorker(line)); // throws if anything else reached stdout
            }
            stdin.close();

            assertThat(messages.get(0)).isEqualTo(new FromWorker.Hello(process.pid(), 7));
            assertThat(messages.get(1)).isEqualTo(new FromWorker.Started(1, url));
            assertThat(messages.get(2)).isInstanceOfSatisfying(FromWorker.ResultMessage.class, r -> {
                assertThat(r.result().url()).isEqualTo(url);
                assertThat(r.result().ok()).isTrue();
                assertThat(r.result().pid()).isEqualTo(process.pid());
                assertThat(r.result().workerId()).isEqualTo(7);
            });
            assertThat(messages.get(3)).isEqualTo(new FromWorker.BatchDone(1));
            assertThat(process.waitFor(WAIT_S, TimeUnit.SECONDS)).as("worker exits on stdin EOF").isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(stdout.readLine()).isNull();
        } finally {
            process.destroyForcibly();
        }
    }
}
