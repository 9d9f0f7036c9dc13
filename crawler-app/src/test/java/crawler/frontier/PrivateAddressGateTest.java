package crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateAddressGateTest {

    private final List<String> lookedUp = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch never = new CountDownLatch(1);

    private static InetAddress ip(int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    /** Names resolve only through this table; nothing here asks real DNS. */
    private final PrivateAddressGate gate = new PrivateAddressGate(List.of("http://localhost:8080/", "http://10.9.9.9/"),
            host -> {
                lookedUp.add(host);
                return switch (host) {
                    case "intranet.test" -> List.of(ip(10, 1, 2, 3));
                    case "mixed.test" -> List.of(ip(93, 184, 216, 34), ip(192, 168, 0, 7));
                    case "public.test" -> List.of(ip(93, 184, 216, 34));
                    case "slow.test" -> {
                        awaitQuietly(never); // released after the test; the gate must not wait this long
                        yield List.of(ip(10, 0, 0, 1));
                    }
                    default -> throw new UnknownHostException(host);
                };
            }, Duration.ofMillis(200));

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void releaseTheSlowLookup() {
        never.countDown();
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080/, true",
        "http://127.1.2.3/, true",
        "http://10.0.0.1/, true",
        "http://172.16.0.1:8080/, true",
        "http://172.31.255.255/, true",
        "http://172.32.0.1/, false",
        "http://192.168.1.1/admin, true",
        "http://169.254.169.254/latest/meta-data/, true",
        "http://0.0.0.0/, true",
        "http://[::1]/, true",
        "http://[fd12:3456::1]/, true",
        "http://[fe80::1]/, true",
        "http://[::]/, true",
        "http://[2001:db8::1]/, false",
        "http://8.8.8.8/, false",
        "http://foo.localhost/, true",
        "http://localhost:9999/, false",
        "http://10.9.9.9:81/, false",
        "http://intranet.test/, true",
        "http://mixed.test/, true",
        "http://public.test/, false",
        "http://nowhere.test/, false",
    })
    void url_isDeniedExactlyWhenItsHostIsNonPublic_andNotASeedHost(String url, boolean denied) {
        assertThat(gate.denies(url)).as(url).isEqualTo(denied);
    }

    @Test
    void literalsAndLocalhost_areJudgedWithoutDns_namesAreLookedUpOncePerHost() {
        gate.denies("http://127.0.0.1/");
        gate.denies("http://[::1]/");
        gate.denies("http://foo.localhost/");
        gate.denies("http://intranet.test/a");
        gate.denies("http://intranet.test/b");
        gate.denies("https://intranet.test/c");

        assertThat(lookedUp).containsExactly("intranet.test");
    }

    @Test
    void lookupSlowerThanTheWait_letsTheUrlThrough() {
        assertThat(gate.denies("http://slow.test/")).isFalse();
        assertThat(lookedUp).containsExactly("slow.test");
    }
}
