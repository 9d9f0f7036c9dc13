package crawler.bench.render;


/** Escaping for inline SVG and HTML text. */
public final class Svg {

    private Svg() {
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
