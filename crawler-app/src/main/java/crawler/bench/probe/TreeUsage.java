package crawler.bench.probe;


/**
 * What the process-tree probe saw over one crawl: the child JVM and every process below it.
 * Values of -1 mean "not measured" (no /proc: not Linux).
 *
 * @param peakPssKb         largest sum of Pss over the tree at one sample
 * @param peakRssKb         largest sum of Rss over the tree at one sample
 * @param peakThreads       largest sum of OS threads over the tree at one sample
 * @param voluntarySwitches voluntary context switches, summed over every thread ever seen
 * @param involuntarySwitches involuntary context switches, likewise
 * @param cpuMillis         user + system CPU time of every process in the tree (last sample)
 * @param peakProcesses     largest number of processes in the tree at one sample
 * @param samples           samples taken
 */
public record TreeUsage(long peakPssKb, long peakRssKb, int peakThreads, long voluntarySwitches,
                        long involuntarySwitches, long cpuMillis, int peakProcesses, int samples) {

    public static final TreeUsage NOT_MEASURED = new TreeUsage(-1, -1, -1, -1, -1, -1, -1, 0);

    public boolean measured() {
        return samples > 0 && peakRssKb >= 0;
    }

    public long contextSwitches() {
        return voluntarySwitches < 0 ? -1 : voluntarySwitches + involuntarySwitches;
    }
}
