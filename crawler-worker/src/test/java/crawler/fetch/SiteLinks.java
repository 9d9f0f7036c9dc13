package crawler.fetch;

import crawler.fixtures.FixtureServer;
import crawler.page.PageResult;
import crawler.url.UrlNormalizer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The links of a result that stay on the fixture site: what the manifest calls its outlinks. */
final class SiteLinks {

    private SiteLinks() {
    }

    static Set<String> inScope(FixtureServer server, PageResult r) {
        String host = UrlNormalizer.hostKey(server.baseUrl());
        return r.links().stream().filter(l -> UrlNormalizer.hostKey(l).equals(host))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
