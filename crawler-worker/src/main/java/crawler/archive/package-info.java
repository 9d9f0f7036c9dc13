/**
 * WARC output ({@code crawl --warc PREFIX}): what the fetch unit saw on the wire, written where the
 * fetch happens.
 *
 * <p>The fetcher hands every HTTP exchange of a URL (each redirect hop, retry and error response;
 * not a fetch that never got a response) to the page processor as an {@link crawler.archive.HttpExchange};
 * the processor passes the URL's exchanges and its {@link crawler.page.PageResult} to an
 * {@link crawler.archive.ExchangeRecorder}. {@link crawler.archive.WarcArchive} writes them with jwarc
 * as {@code request}/{@code response} pairs plus one {@code metadata} record, all of one URL in one
 * append.
 *
 * <p>Thread modes share one archive per crawl (the threads share one memory); each worker process
 * has its own archive and its own files, so no payload crosses the pipe to the coordinator.
 */
package crawler.archive;
