package crawler.startup;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One JVM start-up cache file, made by a training run at build time and handed to later JVMs:
 * on JDK 25 and newer the AOT cache (JEP 483, 514, 515: classes loaded and linked, method
 * profiles), on JDK 21-24 an AppCDS dynamic archive (JEP 350). Immutable.
 *
 * <p>Layout, shared with the {@code crawler} launcher script, which computes the same names
 * without starting a JVM: {@code <install>/startup/<java.runtime.version>/<role>.aot|.jsa}. A
 * directory per JDK build means switching JDKs neither breaks nor overwrites the other's caches.
 *
 * <p>A cache only speeds start-up up: the JVM checks it against its own build and class path and
 * skips one that does not match. Its log tags are turned off ({@link #quietLogSelection}) so such a
 * skip prints nothing; it is rebuilt by the next build.
 *
 * @param kind which mechanism the file is for
 * @param file where it is (it may not exist yet)
 */
public record StartupCache(Kind kind, Path file) {

    /** The roles that get a cache: the crawler's own JVM and its worker JVMs. */
    public static final String APP = "app";
    public static final String WORKER = "worker";

    /** Characters the launcher script accepts in a directory name, checked the same way there. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._+-]+");

    /** The two mechanisms and their JVM options. */
    public enum Kind {
        /** JDK 25+: {@code -XX:AOTCacheOutput} trains in one step (JEP 514), {@code -XX:AOTCache} uses. */
        AOT(".aot", "-XX:AOTCache=", "-XX:AOTCacheOutput="),
        /** JDK 21-24: a dynamic archive written at exit, read with {@code -XX:SharedArchiveFile}. */
        CDS(".jsa", "-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=");

        private final String suffix;
        private final String useOption;
        private final String trainOption;

        Kind(String suffix, String useOption, String trainOption) {
            this.suffix = suffix;
            this.useOption = useOption;
            this.trainOption = trainOption;
        }

        /** The kind for a JDK's feature release (21, 25, ...). */
        public static Kind forFeature(int feature) {
            return feature >= 25 ? AOT : CDS;
        }

        public String suffix() {
            return suffix;
        }
    }

    public StartupCache {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
    }

    /**
     * The cache of {@code role} for the JDK with the given {@code java.runtime.version}, in the
     * install's start-up directory; empty when that version cannot name a directory (the launcher
     * then uses no cache either).
     */
    public static Optional<StartupCache> of(Path startupRoot, String runtimeVersion, int feature, String role) {
        Kind kind = Kind.forFeature(feature);
        return dirFor(startupRoot, runtimeVersion).map(dir -> new StartupCache(kind, dir.resolve(role + kind.suffix)));
    }

    /** The directory of one JDK build's caches; empty when its runtime version cannot name a directory. */
    public static Optional<Path> dirFor(Path startupRoot, String runtimeVersion) {
        if (runtimeVersion == null || !SAFE_NAME.matcher(runtimeVersion).matches()
                || runtimeVersion.equals(".") || runtimeVersion.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(startupRoot.resolve(runtimeVersion));
    }

    /** The cache of {@code role} for the JDK running this code. */
    public static Optional<StartupCache> forThisJdk(Path startupRoot, String role) {
        return of(startupRoot, System.getProperty("java.runtime.version"), Runtime.version().feature(), role);
    }

    /**
     * The {@code -Xlog} selection that keeps cache messages quiet while other warnings still show,
     * for a JDK's feature release: the {@code aot} tag exists from JDK 25 on, and naming a tag an
     * older JVM does not know stops it from starting.
     */
    public static String quietLogSelection(int feature) {
        return feature >= 25 ? "aot*=off,cds*=off" : "cds*=off";
    }

    /** Options that make a JVM start from this cache. */
    public List<String> useOptions() {
        return List.of(kind.useOption + file);
    }

    /** The option that makes a training JVM write its cache to {@code out} (at exit). */
    public String trainOption(Path out) {
        return kind.trainOption + out;
    }
}
