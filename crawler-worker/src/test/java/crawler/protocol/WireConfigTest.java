package crawler.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawler.archive.WarcConfig;
import crawler.fetch.CrawlRules;
import crawler.fetch.FetchConfig;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worker's configuration crosses the pipe as {@link FetchSpec}, {@link WarcSpec} and
 * {@link RulesSpec}, whose names are declared rather than taken from the internal records: these
 * tests fail when a field is lost on the way (a field added to an internal record and not to its
 * wire record) or when the written names stop being the declared ones. {@code
 * ProtocolGoldenLinesTest} pins the names themselves.
 */
class WireConfigTest {

    /** Every field away from its default, so a field dropped on the way shows. */
    private static final FetchConfig FULL = new FetchConfig("ua/2", Duration.ofMillis(1200), Duration.ofSeconds(9),
            Duration.ofSeconds(31), Duration.ofSeconds(61), 1234, 4, 3, Duration.ofSeconds(11), true, 6, 17,
            new WarcConfig("out/x", 2048, 5, "process", 12, "crawler crawl y"),
            new CrawlRules(true, Set.of("a.test", "b.test"), true, List.of("/p/", "\\.pdf$")));

    private final Codec codec = new Codec();

    @Test
    void fetchConfig_roundTripsThroughItsWireRecord_withEveryField() {
        assertThat(FetchSpec.from(FULL).toConfig()).isEqualTo(FULL);
        assertThat(FetchSpec.from(FetchConfig.defaults()).toConfig()).isEqualTo(FetchConfig.defaults());
    }

    @Test
    void fetchConfig_roundTripsThroughTheConfigLine() throws Exception {
        ToWorker.Config config = new ToWorker.Config(5, 3, FULL);

        assertThat(codec.decodeToWorker(codec.encode(config))).isEqualTo(config);
    }

    @ParameterizedTest
    @CsvSource({
        "crawler.fetch.FetchConfig, crawler.protocol.FetchSpec",
        "crawler.archive.WarcConfig, crawler.protocol.WarcSpec",
        "crawler.fetch.CrawlRules, crawler.protocol.RulesSpec"
    })
    void everyInternalField_hasAWireFieldWithADeclaredName(Class<?> internal, Class<?> wire) {
        assertThat(wire.getRecordComponents()).hasSameSizeAs(internal.getRecordComponents());
        for (RecordComponent c : wire.getRecordComponents()) {
            JsonProperty name = c.getAccessor().getAnnotation(JsonProperty.class);
            assertThat(name).as("@JsonProperty on %s.%s", wire.getSimpleName(), c.getName()).isNotNull();
            assertThat(name.value()).as("wire name of %s.%s", wire.getSimpleName(), c.getName()).isNotBlank();
        }
    }

    @Test
    void theConfigLine_writesExactlyTheDeclaredNames_inOrder() throws Exception {
        JsonNode fetch = new ObjectMapper().readTree(codec.encode(new ToWorker.Config(5, 3, FULL))).get("fetch");

        assertThat(fieldNames(fetch)).isEqualTo(declaredNames(FetchSpec.class));
        assertThat(fieldNames(fetch.get("warc"))).isEqualTo(declaredNames(WarcSpec.class));
        assertThat(fieldNames(fetch.get("rules"))).isEqualTo(declaredNames(RulesSpec.class));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> declaredNames(Class<?> wire) {
        return Arrays.stream(wire.getRecordComponents())
                .map(c -> c.getAccessor().getAnnotation(JsonProperty.class).value())
                .toList();
    }
}
