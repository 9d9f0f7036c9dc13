package crawler.bench.probe;


import java.util.Objects;

/**
 * The machine facts every result row carries: virtual-thread behaviour changed between JDK 21
 * and 24+, and the number of cores bounds every CPU figure.
 */
public record Machine(String jdkVersion, String jdkVendor, int cores, String os, String osVersion, String arch) {

    public Machine {
        Objects.requireNonNull(jdkVersion, "jdkVersion");
        Objects.requireNonNull(jdkVendor, "jdkVendor");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(arch, "arch");
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, was " + cores);
        }
    }

    /** The machine this JVM runs on (the children use the same java binary). */
    public static Machine current() {
        return new Machine(System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("java.vendor", "?"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name", "?"), System.getProperty("os.version", "?"),
                System.getProperty("os.arch", "?"));
    }

    public boolean linux() {
        return os.toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    /** One line, e.g. {@code JDK 25.0.3+9 (Eclipse Adoptium), 2 cores, Linux 6.1 amd64}. */
    public String describe() {
        return "JDK " + jdkVersion + " (" + jdkVendor + "), " + cores + " cores, " + os + " " + osVersion + " " + arch;
    }
}
