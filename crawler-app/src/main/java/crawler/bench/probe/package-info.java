/** Readings beside the crawls: the process tree from /proc, parked threads, token hand-offs, the thread-mode fault, the machine and the build. */
package crawler.bench.probe;
