package crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crawler.page.ErrorKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateAddressGuardTest {

    private final List<String> lookedUp = Collections.synchronizedList(new ArrayList<>());

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: never asks DNS
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Names resolve only through this table; nothing here asks real DNS. */
    private final Dns table = host -> {
        lookedUp.add(host);
        return switch (host) {
            case "intranet.test" -> List.of(ip("10.1.2.3"));
            case "metadata.test" -> List.of(ip("100.100.100.200"));
            case "mixed.test" -> List.of(ip("93.184.216.34"), ip("192.168.0.7"));
            case "public.test", "seed.test" -> List.of(ip("93.184.216.34"));
            case "nat64.test" -> List.of(ip("64:ff9b::a00:1"), ip("2002:a00:1::"));
            case "seedlocal.test" -> List.of(ip("127.0.0.1"));
            default -> throw new UnknownHostException(host);
        };
    };

    private final PrivateAddressGuard guard = new PrivateAddressGuard(Set.of("seedlocal.test", "127.0.0.1", "[::1]"),
            table);

    @ParameterizedTest
    @CsvSource({
        "127.0.0.2, true", "10.0.0.1, true", "172.16.0.1, true", "172.31.255.255, true", "172.32.0.1, false",
        "192.168.1.1, true", "169.254.169.254, true", "100.64.0.1, true", "100.100.100.200, true",
        "100.128.0.1, false", "0.0.0.0, true", "8.8.8.8, false", "2130706433, true", "0177.0.0.2, true",
        "010.0.0.1, true", "127.1, true", "3232235777, true", "134744072, false",
        "fd12:3456::1, true", "fe80::1, true", "::, true", "64:ff9b::a00:1, true", "2002:a00:1::, true",
        "::ffff:a00:1, true", "2001:db8::1, true", "2606:4700::1111, false",
        "127.0.0.1, false", "::1, false",
    })
    void literalHost_isRefusedExactlyWhenNonPublic_andNotASeedHost(String host, boolean refused) {
        if (refused) {
            assertThatThrownBy(() -> guard.checkLiteral(host)).isInstanceOf(PrivateAddressException.class)
                    .hasMessageContaining(host);
        } else {
            org.assertj.core.api.Assertions.assertThatNoException().isThrownBy(() -> guard.checkLiteral(host));
        }
        assertThat(lookedUp).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0x7f.1", "0x7f000001", "0X7F.0.0.1", "localhost", "foo.localhost", "intranet.test",
        "metadata.test", "nat64.test"})
    void name_isRefused_whenItIsOrResolvesOnlyToNonPublicAddresses(String host) {
        assertThatThrownBy(() -> guard.lookup(host)).isInstanceOf(PrivateAddressException.class)
                .hasMessageContaining(host);
    }

    @Test
    void numericAndLoopbackNames_areRefusedWithoutALookup() {
        for (String host : List.of("0x7f.1", "localhost", "foo.localhost")) {
            assertThatThrownBy(() -> guard.lookup(host)).isInstanceOf(PrivateAddressException.class);
        }
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void mixedAnswer_keepsOnlyThePublicAddresses() throws UnknownHostException {
        assertThat(guard.lookup("mixed.test")).containsExactly(ip("93.184.216.34"));
    }

    @Test
    void seedHost_isAllowed_evenOnALoopbackAddress() throws UnknownHostException {
        assertThat(guard.lookup("seedlocal.test")).containsExactly(ip("127.0.0.1"));
        assertThat(guard.lookup("public.test")).containsExactly(ip("93.184.216.34"));
    }

    @Test
    void unresolvableName_isADnsFailure_notARefusal() {
        assertThatThrownBy(() -> guard.lookup("nowhere.test")).isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(PrivateAddressException.class);
    }

    /** For the guard installed in a real Fetcher: a server on 127.0.0.1, reachable only by the seed's spelling. */
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FetchOutcome fetch(String allowedHost, String url) {
        FetchConfig config = FetcherTest.config(64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(5))
                .withRules(new CrawlRules(true, Set.of(allowedHost), false, List.of()));
        try (Fetcher fetcher = new Fetcher(config)) {
            return fetcher.fetch(url);
        }
    }

    @ParameterizedTest
    @CsvSource({"localhost", "127.0.0.2", "2130706433", "0x7f.1", "0177.0.0.1", "127.1"})
    void fetcher_refusesEveryOtherSpellingOfLoopback_withPrivateAddress_withoutARequest(String host) {
        server.enqueue(new MockResponse.Builder().code(200).body("hi").build());

        FetchOutcome out = fetch("127.0.0.1", "http://" + host + ":" + server.getPort() + "/");

        assertThat(out).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(((FetchOutcome.Failed) out).kind()).as("%s", out).isEqualTo(ErrorKind.PRIVATE_ADDRESS);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void fetcher_fetchesTheSeedHost() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body("hi").build());

        FetchOutcome out = fetch("127.0.0.1", "http://127.0.0.1:" + server.getPort() + "/");

        assertThat(out).isInstanceOf(FetchOutcome.Fetched.class);
    }
}
