/** The seed's eight claims, judged once on a bench result, each with its rule. Pure functions. */
package crawler.bench.judge;
