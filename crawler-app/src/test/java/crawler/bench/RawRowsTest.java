package crawler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawRowsTest {

    @Test
    void json_isOneDocument_withMachineCellsVerdictsAndARowPerRun() throws Exception {
        BenchResult r = Samples.small();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(JsonReport.render(r));
        assertThat(doc.path("machine").path("cores").asInt()).isEqualTo(2);
        assertThat(doc.path("cells")).hasSize(r.cells().size());
        assertThat(doc.path("verdicts")).hasSize(8);
        assertThat(doc.path("verdicts").get(4).path("outcome").asText()).isEqualTo("NOT_SUPPORTED");
        assertThat(doc.path("runs")).hasSize((int) r.cells().stream().mapToLong(c -> c.skipped() ? 1 : c.runs().size()).sum());
        assertThat(doc.path("pinning").get(0).path("events").asLong()).isZero();
    }

    @Test
    void csv_hasOneRowPerRunAndPerSkippedCell_eachWithTheMachineFacts() {
        BenchResult r = Samples.small();
        long runs = r.cells().stream().mapToLong(c -> c.skipped() ? 1 : c.runs().size()).sum();
        List<String> lines = RawRows.csv(r).lines().toList();
        assertThat(lines).hasSize((int) runs + 1);
        assertThat(lines.get(0)).startsWith("workload,mode,concurrency,").endsWith("jdk_version,jdk_vendor,cores,os,os_version,arch");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.endsWith("25.0.3+9-LTS,Eclipse Adoptium,2,Linux,6.1.0,amd64"));
        assertThat(lines).anyMatch(l -> l.startsWith("io,platform,10000,") && l.contains(",skipped,\"10,000 platform threads"));
        assertThat(lines.get(1)).startsWith("io,virtual,10,0,10,16,100,0,50,1,ok,,520,1420,50,0,96.2,500,0.962,3000,112640,133120,30,");
    }
}
