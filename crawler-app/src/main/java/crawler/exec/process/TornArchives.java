package crawler.exec.process;

import crawler.archive.WarcConfig;
import crawler.archive.WarcFiles;
import crawler.archive.WarcTruncator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The WARC files that workers which died may have left with a torn record at their end, and
 * their repair once every worker is gone. Thread-safe.
 */
final class TornArchives {

    private final WarcConfig warc; // null when the crawl writes no WARC files
    private final PrintStream log;
    /** Worker ids whose process ended other than by exiting 0: their WARC files may end torn. */
    private final Set<Integer> tornWriters = new TreeSet<>();

    TornArchives(WarcConfig warc, PrintStream log) {
        this.warc = warc;
        this.log = log;
    }

    /** Worker {@code workerId}'s process ended with {@code exitCode}. */
    synchronized void ended(int workerId, int exitCode) {
        if (exitCode != 0) {
            tornWriters.add(workerId);
        }
    }

    /**
     * Every worker is gone: a worker that died (killed, crashed) while appending to its WARC file
     * left a torn record at its end. Cut off here, at the end of the crawl, and not only when the
     * crawl is resumed, so that a finished crawl's archive reads to its end. Only the files of
     * writers that died are read; a file's whole URLs are never touched.
     */
    void repair() {
        if (warc == null) {
            return;
        }
        List<Integer> ids;
        synchronized (this) {
            ids = List.copyOf(tornWriters);
        }
        for (int id : ids) {
            try {
                for (Path file : WarcFiles.list(warc.prefix(), warc.forWorker(id).writerId())) {
                    WarcTruncator.Check check = WarcTruncator.repair(file);
                    if (check.torn()) {
                        log.println("process executor: " + file + ": cut off a torn tail left by a worker " + id
                                + " that died (" + (check.size() - check.validBytes()) + " bytes after "
                                + check.urls() + " whole URLs)" + (check.validBytes() == 0 ? "; file deleted" : ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.println("process executor: cannot repair the WARC files of worker " + id + ": " + e);
            }
        }
    }
}
