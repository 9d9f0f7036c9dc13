package crawler.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * {@code --deny-private} where the connection is made: every request the crawl makes (pages, each
 * redirect hop, robots.txt, sitemaps) goes through the one {@link Fetcher} client this guard is
 * installed in, in every mode and every worker process alike (it comes with the
 * {@link FetchConfig}). The seeds' own hosts are allowed, so a local site can still be crawled by
 * naming it.
 *
 * <p>Two doors, because OkHttp has two: a host name goes to the {@link #dns() Dns}, which drops the
 * non-public addresses it resolves to and refuses a name left with none, so the connection can only
 * be made to an address that was checked (a name that answers differently later is checked again,
 * at its next connection). A host OkHttp reads as an IP literal never reaches a {@code Dns}; the
 * {@link #interceptor() interceptor} refuses it before the call, reading an all-digit host both as
 * Java reads it and as {@code inet_aton} does (octal {@code 0177.0.0.1}, decimal
 * {@code 2130706433}), since the two disagree and a browser follows the latter. Hex spellings such
 * as {@code 0x7f.1} are names to OkHttp: the Dns refuses them by their numeric reading before any
 * lookup. Which addresses are refused: {@link NonPublicAddresses}.
 *
 * <p>Thread-safe and immutable.
 */
public final class PrivateAddressGuard {

    private final Set<String> allowedHosts;
    private final Dns delegate;

    /**
     * @param allowedHosts hosts never refused (the seeds' hosts), as URLs spell them
     * @param delegate     the resolver for names ({@link Dns#SYSTEM} in production)
     */
    public PrivateAddressGuard(Set<String> allowedHosts, Dns delegate) {
        this.allowedHosts = allowedHosts.stream().map(PrivateAddressGuard::canonical)
                .collect(Collectors.toUnmodifiableSet());
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The resolver to install with {@code OkHttpClient.Builder.dns}. */
    public Dns dns() {
        return this::lookup;
    }

    /** The application interceptor for IP-literal hosts, which OkHttp never hands to a Dns. */
    public Interceptor interceptor() {
        return chain -> {
            checkLiteral(chain.request().url().host());
            return proceed(chain);
        };
    }

    private static Response proceed(Interceptor.Chain chain) throws IOException {
        return chain.proceed(chain.request());
    }

    List<InetAddress> lookup(String hostname) throws UnknownHostException {
        String host = canonical(hostname);
        if (allowedHosts.contains(host)) {
            return delegate.lookup(hostname);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            throw refused(hostname, "a loopback name");
        }
        byte[] numeric = NonPublicAddresses.numericIpv4(host);
        if (numeric != null && NonPublicAddresses.contains(numeric)) {
            throw refused(hostname, "a numeric spelling of " + InetAddress.getByAddress(numeric).getHostAddress());
        }
        List<InetAddress> all = delegate.lookup(hostname);
        List<InetAddress> open = new ArrayList<>(all.size());
        for (InetAddress a : all) {
            if (!NonPublicAddresses.contains(a)) {
                open.add(a);
            }
        }
        if (open.isEmpty()) {
            throw refused(hostname, "resolves only to non-public addresses " + all.stream()
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
        }
        return open;
    }

    /** Refuses a host OkHttp will connect to without a lookup, if it is non-public. */
    void checkLiteral(String urlHost) throws PrivateAddressException {
        String host = canonical(urlHost);
        if (allowedHosts.contains(host)) {
            return;
        }
        try {
            if (host.indexOf(':') >= 0) {
                // OkHttp hands an IPv6 host over without brackets; with ':' in it, this never asks DNS.
                InetAddress a = InetAddress.getByName(host);
                if (NonPublicAddresses.contains(a)) {
                    throw refused(urlHost, "non-public address " + a.getHostAddress());
                }
                return;
            }
            if (!host.isEmpty() && host.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.')) {
                byte[] asBrowsers = NonPublicAddresses.numericIpv4(host);
                if (asBrowsers != null && NonPublicAddresses.contains(asBrowsers)) {
                    throw refused(urlHost, "non-public address " + InetAddress.getByAddress(asBrowsers).getHostAddress());
                }
                InetAddress asJava = InetAddress.getByName(host); // all digits and dots: a literal, no DNS
                if (NonPublicAddresses.contains(asJava)) {
                    throw refused(urlHost, "non-public address " + asJava.getHostAddress());
                }
            }
        } catch (PrivateAddressException e) {
            throw e;
        } catch (UnknownHostException e) {
            // Not a literal after all: the Dns will be asked, and decide.
        }
    }

    private static PrivateAddressException refused(String host, String why) {
        return new PrivateAddressException("--deny-private: host " + host + " is " + why
                + "; only the seeds' hosts may be non-public");
    }

    /** Lower case, without IPv6 brackets: how OkHttp's HttpUrl and Dns name a host. */
    static String canonical(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
