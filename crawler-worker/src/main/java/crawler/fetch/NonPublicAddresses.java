package crawler.fetch;

import java.net.InetAddress;
import java.util.List;

/**
 * The addresses {@code --deny-private} refuses: every range a page on the public web has no
 * business making a crawler connect to. Pure functions; thread-safe.
 *
 * <p>IPv4: this network 0/8, RFC 1918 (10/8, 172.16/12, 192.168/16), CGNAT 100.64/10 (one cloud's
 * metadata service is 100.100.100.200), loopback 127/8, link-local 169.254/16 (the usual metadata
 * address), IETF 192.0.0/24, the documentation and benchmark nets, multicast and reserved 224/3.
 * IPv6: unspecified and loopback, IPv4-mapped and IPv4-compatible ::/96 forms, NAT64 64:ff9b::/96
 * and 64:ff9b:1::/48, discard 100::/64, Teredo 2001::/32, documentation 2001:db8::/32, 6to4
 * 2002::/16 (each of these reaches an IPv4 address the rules above may refuse), unique-local
 * fc00::/7, link-local fe80::/10, site-local fec0::/10 and multicast ff00::/8.
 */
public final class NonPublicAddresses {

    private record Cidr(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Cidr> RANGES = List.of(
            v4(0, 0, 0, 0, 8), v4(10, 0, 0, 0, 8), v4(100, 64, 0, 0, 10), v4(127, 0, 0, 0, 8),
            v4(169, 254, 0, 0, 16), v4(172, 16, 0, 0, 12), v4(192, 0, 0, 0, 24), v4(192, 0, 2, 0, 24),
            v4(192, 168, 0, 0, 16), v4(198, 18, 0, 0, 15), v4(198, 51, 100, 0, 24), v4(203, 0, 113, 0, 24),
            v4(224, 0, 0, 0, 3),
            v6(96),                                   // ::/96: unspecified, loopback, IPv4-compatible
            v6(96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff), // ::ffff:0:0/96, IPv4-mapped
            v6(96, 0x00, 0x64, 0xff, 0x9b),          // 64:ff9b::/96, NAT64
            v6(48, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01), // 64:ff9b:1::/48, local-use NAT64
            v6(64, 0x01, 0x00),                      // 100::/64, discard
            v6(32, 0x20, 0x01, 0x00, 0x00),          // 2001::/32, Teredo
            v6(32, 0x20, 0x01, 0x0d, 0xb8),          // 2001:db8::/32, documentation
            v6(16, 0x20, 0x02),                      // 2002::/16, 6to4
            v6(7, 0xfc),                             // fc00::/7, unique-local
            v6(10, 0xfe, 0x80),                      // fe80::/10, link-local
            v6(10, 0xfe, 0xc0),                      // fec0::/10, site-local
            v6(8, 0xff));                            // ff00::/8, multicast

    private NonPublicAddresses() {
    }

    /** Whether {@code address} lies in one of the refused ranges. */
    public static boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** Whether the raw address bytes (4 or 16) lie in one of the refused ranges. */
    static boolean contains(byte[] bytes) {
        for (Cidr c : RANGES) {
            if (c.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The IPv4 address a host spelt as a number denotes the way {@code inet_aton} (and so most
     * resolvers and browsers) reads it: one to four parts separated by dots, each decimal, octal
     * (leading 0) or hex ({@code 0x}), the last part filling the bytes left; e.g.
     * {@code 2130706433}, {@code 0x7f.1} and {@code 0177.0.0.1} all denote 127.0.0.1. Null when
     * {@code host} is not such a number.
     */
    static byte[] numericIpv4(String host) {
        if (host.isEmpty() || host.endsWith(".")) {
            return null;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) {
                return null;
            }
            values[i] = v;
        }
        long total = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return null;
            }
            total |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        int lastBytes = 4 - (parts.length - 1);
        if (last >= 1L << (8 * lastBytes)) {
            return null;
        }
        total |= last;
        return new byte[] {(byte) (total >>> 24), (byte) (total >>> 16), (byte) (total >>> 8), (byte) total};
    }

    private static Long number(String part) {
        int radix = 10;
        String digits = part;
        if (part.length() > 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        return Long.parseLong(digits, radix);
    }

    private static Cidr v4(int a, int b, int c, int d, int bits) {
        return new Cidr(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, bits);
    }

    private static Cidr v6(int bits, int... leading) {
        byte[] prefix = new byte[16];
        for (int i = 0; i < leading.length; i++) {
            prefix[i] = (byte) leading[i];
        }
        return new Cidr(prefix, bits);
    }
}
