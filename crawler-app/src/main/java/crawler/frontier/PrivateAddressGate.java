package crawler.frontier;

import crawler.url.UrlNormalizer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code --deny-private}: refuses URLs whose host is, or resolves to, an address no public page
 * should make a crawler fetch: loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16,
 * fc00::/7, fec0::/10), link-local (169.254/16, fe80::/10, the cloud metadata address among
 * them) or unspecified (0/8, ::). The seeds' hosts are exempt, so a user can still crawl a local
 * site by naming it.
 *
 * <p>IP literals and {@code localhost} (and {@code *.localhost}) are judged without DNS. Other
 * names are resolved once per host, on a virtual thread, waiting at most {@code dnsWait}: a name
 * that does not resolve in time, or at all, is let through (the fetch then reports DNS or
 * CONNECT), since refusing it would count a slow resolver as a private address. The check is made
 * at admission, not at connect time, so a name that resolves differently later (DNS rebinding) is
 * not caught here.
 *
 * <p>Not thread-safe: confined to the coordinator thread, like the {@link Frontier}.
 */
public final class PrivateAddressGate {

    /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> exemptHosts;
    private final Resolver resolver;
    private final Duration dnsWait;
    private final Map<String, Boolean> deniedByHost = new HashMap<>();

    /**
     * @param seedUrls the crawl's seeds; their hosts are never denied
     * @param resolver name lookup for hosts that are not IP literals or localhost
     * @param dnsWait  longest wait for one lookup
     */
    public PrivateAddressGate(List<String> seedUrls, Resolver resolver, Duration dnsWait) {
        this.exemptHosts = seedUrls.stream().map(PrivateAddressGate::hostOf).collect(Collectors.toUnmodifiableSet());
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.dnsWait = Objects.requireNonNull(dnsWait, "dnsWait");
        if (dnsWait.isNegative()) {
            throw new IllegalArgumentException("dnsWait must be >= 0, was " + dnsWait);
        }
    }

    /** With the system resolver and a 2 s bound per lookup. */
    public static PrivateAddressGate forSeeds(List<String> seedUrls) {
        return new PrivateAddressGate(seedUrls, host -> List.of(InetAddress.getAllByName(host)), Duration.ofSeconds(2));
    }

    /** True when the URL's host is not a seed's host and is, or resolves to, a non-public address. */
    public boolean denies(String url) {
        String host = hostOf(url);
        if (exemptHosts.contains(host)) {
            return false;
        }
        return deniedByHost.computeIfAbsent(host, this::isNonPublic);
    }

    private boolean isNonPublic(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        InetAddress literal = literal(host);
        if (literal != null) {
            return isNonPublic(literal);
        }
        return resolve(host).stream().anyMatch(PrivateAddressGate::isNonPublic);
    }

    /** An IP literal's address, parsed without DNS; null for a name. */
    private static InetAddress literal(String host) {
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                // Contains ':' so getByName parses it as an IPv6 literal and never asks DNS.
                return InetAddress.getByName(host.substring(1, host.length() - 1));
            }
            if (IPV4.matcher(host).matches()) {
                String[] parts = host.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        return null;
                    }
                    bytes[i] = (byte) v;
                }
                return InetAddress.getByAddress(bytes);
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private List<InetAddress> resolve(String host) {
        CompletableFuture<List<InetAddress>> lookup = new CompletableFuture<>();
        // A lookup that outlasts the wait is left to finish on its own: it cannot be interrupted.
        Thread.ofVirtual().name("dns-" + host).start(() -> {
            try {
                lookup.complete(resolver.resolve(host));
            } catch (UnknownHostException | RuntimeException e) {
                lookup.complete(List.of());
            }
        });
        try {
            return lookup.get(dnsWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Loopback, private, unique-local, link-local or unspecified. */
    static boolean isNonPublic(InetAddress a) {
        byte[] b = a.getAddress();
        boolean uniqueLocalV6 = a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
        boolean thisNetworkV4 = b.length == 4 && b[0] == 0;
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || uniqueLocalV6 || thisNetworkV4;
    }

    /** The URL's host as the normaliser writes it (lower case, IPv6 in brackets), without the port. */
    static String hostOf(String url) {
        String key = UrlNormalizer.hostKey(url);
        return key.substring(0, key.lastIndexOf(':')).toLowerCase(Locale.ROOT);
    }
}
