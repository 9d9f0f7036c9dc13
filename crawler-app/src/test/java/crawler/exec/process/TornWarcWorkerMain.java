package crawler.exec.process;

import crawler.archive.WarcFiles;
import crawler.fetch.HttpPageProcessor;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Test-only worker entry point: a real worker with WARC output that, handed the URL named by
 * {@value #TEAR_ON_URL}, appends the first bytes of a record to its newest WARC file and halts, as
 * a worker killed in the middle of an append would leave it.
 */
public final class TornWarcWorkerMain {

    static final String TEAR_ON_URL = "crawler.test.tearOnUrl";
    static final int HALT_STATUS = 98;
    /** The opening bytes of a gzip member (magic, deflate, no flags): a record cut short. */
    private static final byte[] TORN = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0x55, 0x66};

    private TornWarcWorkerMain() {
    }

    public static void main(String[] args) {
        String url = System.getProperty(TEAR_ON_URL);
        WorkerMain.serve(config -> {
            PageProcessor real = new HttpPageProcessor(config);
            return new PageProcessor() {
                @Override
                public PageResult process(PageTask task) {
                    if (task.url().equals(url)) {
                        tear(config.warc().prefix(), config.warc().writerId());
                        Runtime.getRuntime().halt(HALT_STATUS);
                    }
                    return real.process(task);
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        });
    }

    private static void tear(String prefix, String writerId) {
        try {
            List<Path> files = WarcFiles.list(prefix, writerId);
            Files.write(files.get(files.size() - 1), TORN, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
