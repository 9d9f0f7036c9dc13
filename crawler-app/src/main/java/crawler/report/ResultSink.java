package crawler.report;

import crawler.page.PageResult;
import java.util.Objects;
import java.util.function.Consumer;

/** Where finished pages go. Called from the coordinator thread only. */
public interface ResultSink extends AutoCloseable {

    /** Drops every result: for a crawl that only warms a substrate up. */
    ResultSink DISCARD = of(result -> { });

    /** A sink that hands each result to {@code consumer} and holds nothing to close. */
    static ResultSink of(Consumer<PageResult> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return new ResultSink() {
            @Override
            public void accept(PageResult result) {
                consumer.accept(result);
            }

            @Override
            public void close() {
            }
        };
    }

    void accept(PageResult result);

    @Override
    void close();
}
