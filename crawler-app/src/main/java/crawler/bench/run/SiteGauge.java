package crawler.bench.run;


import crawler.fixtures.FixtureServer;

/**
 * The crawled site's own count of requests in flight, read around each measured run: the
 * fixture site counts what reaches it, whatever the crawler believes it sends. The fixture site
 * runs in the bench's JVM, so this is a method call, not a protocol.
 *
 * <p><b>Thread-safety:</b> called by the one thread that runs the bench's crawls.
 */
public interface SiteGauge {

    /** For a site the bench does not serve (a user's {@code --target}): nothing counted. */
    public SiteGauge NOT_MEASURED = new SiteGauge() {
        @Override
        public void startRun() {
        }

        @Override
        public int peakInFlight() {
            return -1;
        }
    };

    /** Starts a run's count: the peak so far is forgotten. */
    public void startRun();

    /** The most requests in flight at once since {@link #startRun}; -1 when not measured. */
    public int peakInFlight();

    /** The count of a fixture site served in this JVM. */
    public static SiteGauge of(FixtureServer site) {
        return new SiteGauge() {
            @Override
            public void startRun() {
                site.inFlight().resetPeak();
            }

            @Override
            public int peakInFlight() {
                return site.inFlight().peak();
            }
        };
    }
}
