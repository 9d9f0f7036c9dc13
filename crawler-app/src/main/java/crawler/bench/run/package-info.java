/** Runs the plan: each cell as child crawls (warm sessions, one child JVM per mode; cold runs), reference crawlers, and what they measured. */
package crawler.bench.run;
