package crawler.bench.render;

import crawler.bench.Samples;
import crawler.bench.run.BenchResult;
import crawler.bench.judge.JudgedBench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawRowsTest {

    @Test
    void json_isOneDocument_withMachineCellsVerdictsAndARowPerRun() throws Exception {
        BenchResult r = Samples.small();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(JsonReport.render(JudgedBench.of(r)));
        assertThat(doc.path("machine").path("cores").asInt()).isEqualTo(2);
        assertThat(doc.path("cells")).hasSize(r.cells().size());
        assertThat(doc.path("verdicts")).hasSize(8);
        assertThat(doc.path("provenance").path("commit").asText()).isEqualTo("0123abcd4567");
        assertThat(doc.path("runs").get(0).path("substrate_state").asText()).isEqualTo("warm");
        assertThat(doc.path("handOffs")).hasSize(3);
        assertThat(doc.path("verdicts").get(4).path("outcome").asText()).isEqualTo("NO_DIFFERENCE");
        assertThat(doc.path("runs")).hasSize((int) r.cells().stream().mapToLong(c -> c.skipped() ? 1 : c.runs().size()).sum()
                + r.references().size());
        assertThat(doc.path("budgetSeconds").asLong()).isEqualTo(180);
        assertThat(cell(doc, "io-virtual-c100-b16-l100-w0-p500").path("pinningEvents").asLong())
                .as("virtual c=100: most of 1, 2, 3").isEqualTo(3);
        assertThat(cell(doc, "io-platform-c100-b16-l100-w0-p500").path("pinningEvents").isNull()).as("platform: n/a").isTrue();
        assertThat(cell(doc, "io-virtual-c1000-b16-l100-w0-p2000").path("runs").asInt()).as("two of three runs").isEqualTo(2);
        com.fasterxml.jackson.databind.JsonNode chaos = doc.path("cells").get(r.cells().size() - 1);
        assertThat(chaos.path("workload").asText()).isEqualTo("chaos");
        assertThat(chaos.path("workerDeaths").asInt()).isEqualTo(2);
        assertThat(chaos.path("requeued").asInt()).isEqualTo(37);
        assertThat(chaos.path("urlSetEqualsGroundTruth").asBoolean()).isTrue();
        assertThat(cell(doc, "io-process-c100-b16-l100-w0-p500").path("peakInFlight").path("median").asDouble())
                .as("the site's count, median of 74, 73, 72").isEqualTo(73);
        com.fasterxml.jackson.databind.JsonNode wget2 = doc.path("references").get(1);
        assertThat(wget2.path("tool").asText()).isEqualTo("wget2");
        assertThat(wget2.path("status").asText()).isEqualTo("ok");
        assertThat(wget2.path("peakInFlight").asInt()).isEqualTo(100);
        assertThat(wget2.path("urlSetEqualsGroundTruth").asBoolean()).isFalse();
        assertThat(wget2.path("missing").asInt()).isEqualTo(2);
        assertThat(doc.path("references").get(2).path("status").asText()).isEqualTo("not run");
    }

    private static com.fasterxml.jackson.databind.JsonNode cell(com.fasterxml.jackson.databind.JsonNode doc, String key) {
        for (com.fasterxml.jackson.databind.JsonNode c : doc.path("cells")) {
            if (c.path("key").asText().equals(key)) {
                return c;
            }
        }
        throw new AssertionError("no cell " + key);
    }

    @Test
    void csv_hasOneRowPerRunAndPerSkippedCell_eachWithTheMachineFacts() {
        BenchResult r = Samples.small();
        long runs = r.cells().stream().mapToLong(c -> c.skipped() ? 1 : c.runs().size()).sum() + r.references().size();
        List<String> lines = RawRows.csv(r).lines().toList();
        assertThat(lines).hasSize((int) runs + 1);
        assertThat(lines.get(0)).startsWith("workload,mode,concurrency,").endsWith("substrate_state,jdk_version,jdk_vendor,cores,os,os_version,arch,jvm_options,commit,started_at,host");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.endsWith("25.0.3+9-LTS,Eclipse Adoptium,2,Linux,6.1.0,amd64,"
                + "-Dcrawler.stderr.tty=false,0123abcd4567,2026-12-02T17:00:00Z,bench-host"));
        assertThat(lines).anyMatch(l -> l.startsWith("io,platform,10000,") && l.contains(",skipped,\"10,000 platform threads"));
        assertThat(lines.get(1)).startsWith("io,virtual,10,0,10,16,100,0,50,1,ok,,520,1420,50,0,96.2,500,0.962,3000,112640,133120,30,");
        assertThat(lines).anyMatch(l -> l.startsWith("io,virtual,100,") && l.contains(",d500,3,0,0,0,warm,25.0.3"));
        assertThat(lines).anyMatch(l -> l.startsWith("io,platform,100,") && l.contains(",d500,n/a,0,0,0,warm,25.0.3"));
        assertThat(lines).anyMatch(l -> l.startsWith("chaos,process,20,2,10,16,100,0,300,1,ok,") && l.contains(",d300,n/a,100,2,37,"));
        assertThat(lines).anyMatch(l -> l.startsWith("io,virtual,10000,") && l.contains(",skipped,\"budget: run 1 would take"));
        assertThat(lines).anyMatch(l -> l.startsWith("io,process,100,") && l.contains(",2,100,73,"));
        assertThat(lines).anyMatch(l -> l.startsWith("io,wget2,10,,,,100,,50,1,reference,= truth (50 pages),560,560,50,,89.3,500,0.893,120,"));
        assertThat(lines).anyMatch(l -> l.startsWith("io,wget2,1000,") && l.contains(",not-run,skipped: budget"));
        assertThat(lines).anyMatch(l -> l.startsWith("chaos,") && l.contains(",cold,25.0.3"));
    }
}
