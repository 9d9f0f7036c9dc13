package crawler.bench;

/** Escaping for inline SVG and HTML text. */
final class Svg {

    private Svg() {
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
