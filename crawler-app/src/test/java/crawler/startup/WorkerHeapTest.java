package crawler.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkerHeapTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void heap_growsWithThreadsAndBodyCap() {
        // 64 MiB + 32 threads x 6 copies x 4 MiB
        assertThat(WorkerHeap.option(32, 4 * MIB)).isEqualTo("-Xmx832m");
        assertThat(WorkerHeap.mebibytes(64, 4 * MIB)).isEqualTo(64 + 64 * 6 * 4);
        assertThat(WorkerHeap.mebibytes(8, 16 * MIB)).isEqualTo(64 + 8 * 6 * 16);
    }

    @Test
    void heap_neverFallsBelowTheOld256MiB() {
        assertThat(WorkerHeap.mebibytes(1, 4 * MIB)).isEqualTo(256);
        assertThat(WorkerHeap.mebibytes(4, 64 * 1024)).isEqualTo(256);
    }

    @Test
    void badInput_isRefused_namingIt() {
        assertThatThrownBy(() -> WorkerHeap.mebibytes(0, MIB)).hasMessageContaining("0");
    }
}
