/** The bench grid: cells, modes, workloads, the time budget and the order cells run in. Pure, no I/O. */
package crawler.bench.plan;
