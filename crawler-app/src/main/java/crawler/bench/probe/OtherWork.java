package crawler.bench.probe;


/**
 * How much of the machine's CPU other processes used while the bench ran: the machine's busy
 * time (/proc/stat) less the bench's own, its crawls and their worker JVMs included. On a small
 * machine this, not the load average, tells whether neighbours disturbed the figures: the load
 * average counts the bench's own runnable threads, thousands of them at high concurrency.
 *
 * <p><b>Thread-safety:</b> not thread-safe; one bench, one instance.
 */
public final class OtherWork {

    /** Not measured (no /proc). */
    public static final double UNKNOWN = -1;

    private final ProcFs proc;
    private final long[] machineStart;
    private final long selfStart;

    private OtherWork(ProcFs proc) {
        this.proc = proc;
        this.machineStart = proc.machineTicks();
        this.selfStart = proc.selfAndChildrenTicks();
    }

    /** Starts counting now. */
    public static OtherWork start(ProcFs proc) {
        return new OtherWork(proc);
    }

    /**
     * The share of the machine's CPU capacity (0 to 1, all cores together) that other processes
     * used since {@link #start}, or {@link #UNKNOWN}. Call it after every child has been waited for.
     */
    public double share() {
        long[] now = proc.machineTicks();
        long self = proc.selfAndChildrenTicks();
        if (machineStart == null || now == null || selfStart < 0 || self < 0 || now[1] <= machineStart[1]) {
            return UNKNOWN;
        }
        long others = (now[0] - machineStart[0]) - (self - selfStart);
        return Math.max(0, Math.min(1, (double) others / (now[1] - machineStart[1])));
    }
}
