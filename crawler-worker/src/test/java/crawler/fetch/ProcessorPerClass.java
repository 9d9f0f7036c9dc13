package crawler.fetch;

import crawler.page.PageResult;
import crawler.page.PageTask;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fetch-and-parse unit shared by the tests of a class, closed after the class. Use it as
 * {@code @RegisterExtension static final ProcessorPerClass PROCESSOR = new ProcessorPerClass(config);}.
 */
final class ProcessorPerClass implements AfterAllCallback {

    private final HttpPageProcessor processor;

    ProcessorPerClass(FetchConfig config) {
        this.processor = new HttpPageProcessor(config);
    }

    PageResult process(String url, int depth) {
        return processor.process(new PageTask(url, depth));
    }

    /** The name of the result's error kind, or null for a result without an error. */
    static String kindName(PageResult r) {
        return r.error() == null ? null : r.error().kind().name();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        processor.close();
    }
}
