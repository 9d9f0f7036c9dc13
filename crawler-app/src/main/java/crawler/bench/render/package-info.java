/** Reports of a judged bench: text, JSON, CSV, Markdown, HTML and SVG charts. Pure functions of the result. */
package crawler.bench.render;
