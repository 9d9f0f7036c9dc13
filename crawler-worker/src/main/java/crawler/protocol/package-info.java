/**
 * The worker-process protocol: JSON lines over a worker's stdin (coordinator to worker) and stdout
 * (worker to coordinator). Every message is a record of {@link crawler.protocol.ToWorker} or
 * {@link crawler.protocol.FromWorker}; {@link crawler.protocol.Codec} is the only code that turns
 * them into lines and back. Logs never use stdout; they go to stderr.
 *
 * <p>A session, one object per line ({@code ...} elides fields):
 * <pre>
 * -&gt; {"type":"config","workerId":1,"threads":4,"fetch":{"userAgent":"...","connectTimeout":"PT5S",...}}
 * &lt;- {"type":"hello","pid":4242,"workerId":1}
 * -&gt; {"type":"batch","id":0,"urls":[{"url":"http://localhost:8080/","depth":0}, ...]}
 * &lt;- {"type":"started","batch":0,"url":"http://localhost:8080/"}
 * &lt;- {"type":"result","batch":0,"result":{"url":"http://localhost:8080/","status":200,...,"workerId":1}}
 * &lt;- {"type":"done","batch":0}
 * -&gt; {"type":"cancel","batch":0,"url":"http://localhost:8080/slow"}
 * &lt;- {"type":"cancelled","batch":0,"url":"http://localhost:8080/slow"}
 * -&gt; {"type":"shutdown"}
 * </pre>
 * The worker's configuration is the first line, not command-line arguments, so it goes through
 * the same codec and types as everything else. Its fetch settings travel as the protocol's own
 * records ({@link crawler.protocol.FetchSpec}, {@link crawler.protocol.WarcSpec},
 * {@link crawler.protocol.RulesSpec}) with declared names, so renaming a field of an internal
 * config record does not change the wire. {@code hello} comes once the worker has built
 * its page processor and thread pool. Results follow completion order, not batch order. Batch
 * ids are the coordinator's wire ids: a URL handed out again after a worker died travels in a
 * new batch. A {@code cancel} (the watchdog found that URL stuck) makes the worker cancel that URL's
 * HTTP call and interrupt its thread; once the thread is free it answers {@code cancelled} instead
 * of a result, and the coordinator hands the URL out again. The worker exits on {@code shutdown}
 * (after finishing its work, still reading stdin) or when stdin reaches EOF (at once, abandoning
 * its work, also after a {@code shutdown}), so it cannot outlive the coordinator.
 */
package crawler.protocol;
