package crawler.report;

import crawler.page.PageResult;

/** Where finished pages go. Called from the coordinator thread only. */
public interface ResultSink extends AutoCloseable {

    void accept(PageResult result);

    @Override
    void close();
}
