package crawler.bench.probe;


import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    @Test
    void cpuFromStat_countsUtimeAndStime_afterACommandNameWithSpacesAndParens() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 25 7 3 20 0 30 0 123 0 0";
        assertThat(ProcFs.cpuMillisFromStat(stat)).isEqualTo((150 + 25) * 10);
    }

    @Test
    void field_readsTheNumberAfterTheName_anywhereInTheFile() {
        String status = "Name:\tjava\nThreads:\t27\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t3\n";
        assertThat(ProcFs.field(status, "Threads:")).isEqualTo(27);
        assertThat(ProcFs.field(status, "voluntary_ctxt_switches:")).isEqualTo(12);
        assertThat(ProcFs.field(status, "nonvoluntary_ctxt_switches:")).isEqualTo(3);
        assertThat(ProcFs.field(status, "Missing:")).isZero();
    }

    @Test
    void threadSwitches_sumsEveryTaskOfAProcess_fromAFakeProcTree(@TempDir Path root) throws IOException {
        write(root.resolve("7/task/7/status"), "voluntary_ctxt_switches:\t5\nnonvoluntary_ctxt_switches:\t1\n");
        write(root.resolve("7/task/9/status"), "voluntary_ctxt_switches:\t10\nnonvoluntary_ctxt_switches:\t2\n");
        write(root.resolve("7/smaps_rollup"), "00400000-7fff [rollup]\nRss:    2048 kB\nPss:    1024 kB\n");
        ProcFs proc = new ProcFs(root);
        assertThat(proc.threadSwitches(7)).extracting(a -> a[1] + a[2]).containsExactlyInAnyOrder(6L, 12L);
        assertThat(proc.memoryKb(7)).containsExactly(1024, 2048);
        assertThat(proc.memoryKb(8)).as("a process that is gone").isNull();
    }

    @Test
    void machineTicks_countBusyAndTotal_fromTheFirstLineOfStat(@TempDir Path root) throws IOException {
        // user nice system idle iowait irq softirq steal guest guest_nice
        write(root.resolve("stat"), "cpu  100 5 40 800 20 3 2 1 0 0\ncpu0 50 2 20 400 10 1 1 0 0 0\n");
        assertThat(new ProcFs(root).machineTicks()).containsExactly(100 + 5 + 40 + 3 + 2 + 1, 151 + 800 + 20);
    }

    @Test
    void selfAndChildrenTicks_addWaitedForChildrenToThisProcess(@TempDir Path root) throws IOException {
        write(root.resolve("self/stat"), "77 (java) S 1 77 77 0 -1 0 0 0 0 0 150 25 300 60 20 0 30 0 123 0 0");
        assertThat(new ProcFs(root).selfAndChildrenTicks()).isEqualTo(150 + 25 + 300 + 60);
        assertThat(new ProcFs(root).childrenTicks()).as("cutime + cstime alone").isEqualTo(300 + 60);
    }

    @Test
    void otherWork_isTheMachinesBusyTimeLessTheBenchsOwn_asAShareOfItsCapacity(@TempDir Path root) throws IOException {
        write(root.resolve("stat"), "cpu  1000 0 0 1000 0 0 0 0 0 0\n");
        write(root.resolve("self/stat"), "77 (java) S 1 77 77 0 -1 0 0 0 0 0 100 0 0 0 20 0 30 0 123 0 0");
        OtherWork others = OtherWork.start(new ProcFs(root));
        // 400 ticks passed over all CPUs, 300 of them busy; the bench and its finished crawls used 200.
        write(root.resolve("stat"), "cpu  1300 0 0 1100 0 0 0 0 0 0\n");
        write(root.resolve("self/stat"), "77 (java) S 1 77 77 0 -1 0 0 0 0 0 150 0 150 0 20 0 30 0 123 0 0");
        assertThat(others.share()).isEqualTo(0.25);
    }

    @Test
    void otherWork_isUnknown_withoutProc(@TempDir Path root) {
        assertThat(OtherWork.start(new ProcFs(root)).share()).isEqualTo(OtherWork.UNKNOWN);
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
