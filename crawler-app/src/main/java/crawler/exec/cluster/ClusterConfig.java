package crawler.exec.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a Hazelcast member of the crawl listens and whom it joins. Immutable; checked when built.
 *
 * <p>Members trust each other completely (Hazelcast's community edition has no TLS and no
 * authentication), so a member listens on one interface only, 127.0.0.1 unless the user names
 * another. A configuration that would put a member on a non-loopback interface without the user
 * naming that interface is refused here, before anything binds.
 *
 * @param clusterName   members join only a cluster of this name
 * @param bindInterface the one address this member binds (never the wildcard)
 * @param port          the first port tried; the next ones are tried if it is taken
 * @param join          members to join, {@code HOST[:PORT]}; empty = this is the first member
 * @param closed        no other member may join (the embedded default): TCP/IP joining is off
 * @param crawlMaxIdle  what a crawl keeps on a member (its progress records; its HTTP client and
 *                      WARC files) goes once untouched this long, so a coordinator killed mid-crawl
 *                      leaves nothing behind for good. Whole seconds (Hazelcast's unit), at least
 *                      one; it must outlast the longest batch, since a record is read again only
 *                      while its batch is out
 * @param localMembers  data members the crawl runs on this machine: the embedded one, and
 *                      {@code localMembers - 1} member JVMs it starts as its own children, joined
 *                      to it ({@link ChildMembers}); 1 = the embedded member only
 */
public record ClusterConfig(String clusterName, String bindInterface, int port, List<String> join, boolean closed,
                            Duration crawlMaxIdle, int localMembers) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PORT = 5701;
    /** A day: far longer than any batch, short enough that a killed crawl's leftovers do not pile up. */
    public static final Duration DEFAULT_CRAWL_MAX_IDLE = Duration.ofHours(24);

    public ClusterConfig {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(bindInterface, "bindInterface");
        join = List.copyOf(join);
        Objects.requireNonNull(crawlMaxIdle, "crawlMaxIdle");
        if (crawlMaxIdle.toSeconds() < 1 || crawlMaxIdle.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--crawl-max-idle must be 1s.." + Integer.MAX_VALUE + "s, was "
                    + crawlMaxIdle);
        }
        if (localMembers < 1) {
            throw new IllegalArgumentException("--members must be >= 1, was " + localMembers);
        }
        if (localMembers > 1 && (closed || !join.isEmpty() || !bindInterface.equals(LOOPBACK))) {
            throw new IllegalArgumentException("--members starts member JVMs on " + LOOPBACK + " joined to this"
                    + " crawl's own member: it goes with neither --join nor --interface");
        }
        if (closed && !join.isEmpty()) {
            throw new IllegalArgumentException("a closed cluster joins nobody, but --join " + join + " was given");
        }
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("--cluster-name must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--cluster-port must be 1..65535, was " + port);
        }
        if (bindInterface.equals("0.0.0.0") || bindInterface.equals("::") || bindInterface.equals("*")) {
            throw new IllegalArgumentException("--interface " + bindInterface + " would bind every interface;"
                    + " members trust each other, so name the one private address they share");
        }
        for (String member : join) {
            if (member.isBlank()) {
                throw new IllegalArgumentException("--join needs HOST[:PORT], was blank");
            }
        }
    }

    /**
     * The settings the user typed: the interface stays 127.0.0.1 unless {@code namedInterface} is
     * given, and a cluster that can only be reached off this machine then fails here.
     *
     * @param namedInterface the --interface value, or null
     * @throws IllegalArgumentException if a joined member is not on a loopback address and no
     *                                  interface is named (a loopback member cannot reach it), or
     *                                  the named interface is the wildcard
     */
    public static ClusterConfig of(String clusterName, String namedInterface, int port, List<String> join) {
        if (namedInterface == null) {
            for (String member : join) {
                if (!isLoopback(hostOf(member))) {
                    throw new IllegalArgumentException("--join " + member + " is not on this machine, and a member"
                            + " binds only " + LOOPBACK + " unless --interface names a private address to bind"
                            + " (members trust each other: see docs/cluster.md)");
                }
            }
        }
        return new ClusterConfig(clusterName, namedInterface == null ? LOOPBACK : namedInterface, port, join, false,
                DEFAULT_CRAWL_MAX_IDLE, 1);
    }

    /** The same member, dropping idle progress records after {@code maxIdle} instead. */
    public ClusterConfig withCrawlMaxIdle(Duration maxIdle) {
        return new ClusterConfig(clusterName, bindInterface, port, join, closed, maxIdle, localMembers);
    }

    /**
     * The default: one member inside the coordinator's JVM on 127.0.0.1, joining nothing, under a
     * cluster name of its own so two crawls on one machine never merge into one cluster.
     */
    public static ClusterConfig embedded() {
        return embedded(1);
    }

    /**
     * The embedded member and {@code members - 1} member JVMs on this machine joined to it
     * ({@code --members}); with more than one, the embedded member lets members join, but only
     * those of its own cluster name, which no other crawl shares.
     */
    public static ClusterConfig embedded(int members) {
        return new ClusterConfig("crawl-" + UUID.randomUUID(), LOOPBACK, DEFAULT_PORT, List.of(), members == 1,
                DEFAULT_CRAWL_MAX_IDLE, members);
    }

    /** True when this JVM's member is the first (or only) one: it joins nobody and owns data. */
    public boolean standalone() {
        return join.isEmpty();
    }

    static String hostOf(String member) {
        String m = member.strip();
        if (m.startsWith("[")) {
            int end = m.indexOf(']');
            return end < 0 ? m : m.substring(1, end);
        }
        int colon = m.lastIndexOf(':');
        return colon > 0 && m.indexOf(':') == colon ? m.substring(0, colon) : m;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // unknown: certainly not known to be this machine
        }
    }
}
