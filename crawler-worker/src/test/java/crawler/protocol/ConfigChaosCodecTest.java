package crawler.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.fetch.FetchConfig;
import org.junit.jupiter.api.Test;

class ConfigChaosCodecTest {

    private final Codec codec = new Codec();

    @Test
    void configWithChaos_roundTrips() throws Exception {
        ToWorker.Config config = new ToWorker.Config(2, 4, FetchConfig.defaults(), new Chaos(20, 7));

        String line = codec.encode(config);

        assertThat(line).contains("\"chaos\":{\"oomAt\":20,\"errorAt\":7,\"hangAt\":0}");
        assertThat(codec.decodeToWorker(line)).isEqualTo(config);
    }

    @Test
    void configWithoutChaos_decodesAsNoChaos() throws Exception {
        String line = codec.encode(new ToWorker.Config(2, 4, FetchConfig.defaults()))
                .replace(",\"chaos\":{\"oomAt\":0,\"errorAt\":0,\"hangAt\":0}", "");

        assertThat(line).doesNotContain("chaos");
        assertThat(((ToWorker.Config) codec.decodeToWorker(line)).chaos()).isEqualTo(Chaos.NONE);
    }

    @Test
    void chaosWithoutHangAt_decodesWithNoHang() throws Exception {
        String line = codec.encode(new ToWorker.Config(2, 4, FetchConfig.defaults(), new Chaos(0, 3, 5)))
                .replace(",\"hangAt\":5", "");

        assertThat(((ToWorker.Config) codec.decodeToWorker(line)).chaos()).isEqualTo(new Chaos(0, 3));
    }
}
