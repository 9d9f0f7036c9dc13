package crawler.exec.process;

import crawler.fetch.HttpPageProcessor;
import crawler.page.PageProcessor;
import crawler.page.PageResult;
import crawler.page.PageTask;
import crawler.worker.WorkerMain;

/**
 * Test-only worker entry point: a real worker whose processor halts the JVM, as a native crash
 * would, when it is handed the URL named by the system property {@value #HALT_ON_URL}, and
 * which prints to {@code System.out} on every URL, as a careless library might. With
 * {@value #FAIL_TO_BUILD}{@code =true} its processor cannot be built at all.
 */
public final class PoisonWorkerMain {

    static final String HALT_ON_URL = "crawler.test.haltOnUrl";
    static final int HALT_STATUS = 99;
    /** On this URL the worker writes one line of {@link #HUGE_LINE_CHARS} characters to its real stdout. */
    static final String HUGE_LINE_ON_URL = "crawler.test.hugeLineOnUrl";
    static final int HUGE_LINE_CHARS = 2 << 20;
    /**
     * A file path: the first worker to start creates it and runs; every later one finds it and
     * cannot build its processor, so the slot cannot be refilled.
     */
    static final String ONLY_FIRST_STARTS = "crawler.test.onlyFirstStarts";
    /** When "true", building the processor fails, as a bad configuration would. */
    static final String FAIL_TO_BUILD = "crawler.test.failToBuild";

    private PoisonWorkerMain() {
    }

    public static void main(String[] args) {
        String poison = System.getProperty(HALT_ON_URL);
        boolean failToBuild = Boolean.getBoolean(FAIL_TO_BUILD);
        String huge = System.getProperty(HUGE_LINE_ON_URL);
        String onlyFirst = System.getProperty(ONLY_FIRST_STARTS);
        WorkerMain.serve(config -> {
            if (onlyFirst != null) {
                try {
                    java.nio.file.Files.createFile(java.nio.file.Path.of(onlyFirst));
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("refusing to build: not the first worker (" + e + ")");
                }
            }
            if (failToBuild) {
                throw new IllegalArgumentException("refusing to build, as asked by " + FAIL_TO_BUILD);
            }
            return new Poisoned(new HttpPageProcessor(config), poison, huge);
        });
    }

    private record Poisoned(PageProcessor delegate, String poison, String huge) implements PageProcessor {
        @Override
        public PageResult process(PageTask task) {
            System.out.println("noise: a library printing to System.out while fetching " + task.url());
            if (task.url().equals(poison)) {
                Runtime.getRuntime().halt(HALT_STATUS);
            }
            if (task.url().equals(huge)) {
                byte[] line = new byte[HUGE_LINE_CHARS + 1];
                java.util.Arrays.fill(line, (byte) 'x');
                line[HUGE_LINE_CHARS] = '\n';
                try {
                    // The protocol's own stream, bypassing the worker's writer, as a broken one would.
                    java.io.FileOutputStream raw = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                    raw.write(line);
                    raw.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return delegate.process(task);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
