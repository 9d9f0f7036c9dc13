/**
 * {@code crawler bench} and {@code crawler compare}: the commands. The bench is a pipeline of
 * stages, one package each, in the order a run goes through them:
 * <ol>
 *   <li>{@link crawler.bench.plan}: the grid (cells, modes, workloads), its budget and its order;</li>
 *   <li>{@link crawler.bench.run}: child crawls, warm sessions, reference crawlers, and their results;</li>
 *   <li>{@link crawler.bench.probe}: readings taken beside the crawls (/proc, parked threads,
 *       hand-offs, the thread-mode fault, the machine and the build);</li>
 *   <li>{@link crawler.bench.judge}: the seed's eight claims, judged once on the results;</li>
 *   <li>{@link crawler.bench.render}: text, JSON, CSV, Markdown, HTML and SVG from a judged result.</li>
 * </ol>
 */
package crawler.bench;
