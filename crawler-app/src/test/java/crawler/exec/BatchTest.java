package crawler.exec;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.page.PageTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchTest {

    @Test
    void batch_asksTheCoordinatorsPolitenessForAHostsStartGap_onlyWhenAnExecutorAsks() {
        List<String> asked = new ArrayList<>();
        Map<String, Duration> politeness = Map.of("a.test:80", Duration.ofSeconds(3), "b.test:8080", Duration.ZERO);
        Batch batch = new Batch(7, List.of(new PageTask("http://a.test/1", 0), new PageTask("http://b.test:8080/", 1)),
                host -> {
                    asked.add(host);
                    return politeness.get(host);
                });
        assertThat(asked).as("making a batch parses and asks nothing").isEmpty();

        assertThat(batch.startGap("a.test:80")).isEqualTo(Duration.ofSeconds(3));
        assertThat(batch.startGap("b.test:8080")).isZero();
        assertThat(asked).containsExactly("a.test:80", "b.test:8080");
        assertThat(new Batch(1, batch.tasks()).startGap("a.test:80")).as("an unpaced batch").isZero();
    }
}
