/**
 * Fault injection for the reliability scenarios ({@code crawl --chaos SPEC}), in one place.
 *
 * <p>{@link crawler.chaos.ChaosPlan} is a crawl's whole plan, parsed from (and rendered back to) the
 * {@code --chaos} grammar: the faults injected inside tasks and, in process mode, the worker kills.
 * {@link crawler.chaos.ChaosProcessor} injects the in-task faults around the real page processor, the
 * same way in every mode: the crawler's JVM in the thread modes, each worker JVM in process mode, each
 * member in cluster mode. The in-task faults travel to workers and members as
 * {@link crawler.protocol.Chaos}, a record of the worker protocol (its field names are the wire form,
 * pinned by the protocol's golden-line test), which is why that one type lives in {@code protocol}.
 * The kill itself is the process executor's act; when to kill is {@link crawler.chaos.ChaosPlan#killsAfter}.
 */
package crawler.chaos;
