package crawler.bench.probe;

import crawler.bench.run.ChildCrawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parked threads for real, in a child JVM of this test's class path. No assertion on size beyond the obvious. */
class ParkedUnitsTest {

    @TempDir
    Path work;

    @Test
    void everyVirtualThreadParks_andTheirStacksAreLiveHeap() throws Exception {
        ParkedUnits p = ParkedUnits.measure(java(), ProcFs.system(), true, 500);

        assertThat(p.kind()).isEqualTo("virtual");
        assertThat(p.parked()).isEqualTo(500);
        assertThat(p.heapDeltaKb()).as("500 parked virtual threads keep their stacks on the heap").isPositive();
        assertThat(p.describe()).startsWith("500 virtual threads parked: ").doesNotContain("only");
    }

    @Test
    void everyPlatformThreadParks() throws Exception {
        ParkedUnits p = ParkedUnits.measure(java(), ProcFs.system(), false, 50);

        assertThat(p.kind()).isEqualTo("platform");
        assertThat(p.parked()).isEqualTo(50);
        assertThat(p.count()).isEqualTo(50);
    }

    private java.util.List<String> java() {
        return ChildCrawl.ofThisJvm(work, Duration.ofSeconds(30)).java();
    }
}
