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
    /** When "true", building the processor fails, as a bad configuration would. */
    static final String FAIL_TO_BUILD = "crawler.test.failToBuild";

    private PoisonWorkerMain() {
    }

    public static void main(String[] args) {
        String poison = System.getProperty(HALT_ON_URL);
        boolean failToBuild = Boolean.getBoolean(FAIL_TO_BUILD);
        WorkerMain.serve(config -> {
            if (failToBuild) {
                throw new IllegalArgumentException("refusing to build, as asked by " + FAIL_TO_BUILD);
            }
            return new Poisoned(new HttpPageProcessor(config), poison);
        });
    }

    private record Poisoned(PageProcessor delegate, String poison) implements PageProcessor {
        @Override
        public PageResult process(PageTask task) {
            System.out.println("noise: a library printing to System.out while fetching " + task.url());
            if (task.url().equals(poison)) {
                Runtime.getRuntime().halt(HALT_STATUS);
            }
            return delegate.process(task);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
