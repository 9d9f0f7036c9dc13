package crawler.bench.render;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small line chart drawn as inline SVG: named series of points, optional log axes, a legend.
 * No script, no network; the HTML report embeds it as is. Immutable; {@link #svg()} is pure.
 *
 * @param title  shown above the plot
 * @param xLabel x axis label
 * @param yLabel y axis label
 * @param logX   base-10 log scale on x
 * @param logY   base-10 log scale on y
 * @param series the lines, in legend order; a series with one point is drawn as a marker; a point
 *               {@code {x, y, min, max}} gets an error bar from min to max (the runs' spread)
 * @param bars   draw each series as bars at category positions instead of lines (x = index)
 * @param categories x labels for a bar chart (ignored for lines)
 */
public record SvgChart(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series,
                boolean bars, List<String> categories) {

    /** One line of the chart. */
    public record Series(String name, String color, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    public static final int W = 560;
    public static final int H = 330;
    public static final int LEFT = 70;
    public static final int RIGHT = 150;
    public static final int TOP = 34;
    public static final int BOTTOM = 50;

    public SvgChart {
        Objects.requireNonNull(title, "title");
        series = List.copyOf(series);
        categories = List.copyOf(categories);
    }

    public static SvgChart lines(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series) {
        return new SvgChart(title, xLabel, yLabel, logX, logY, series, false, List.of());
    }

    public static SvgChart bars(String title, String yLabel, boolean logY, List<String> categories, List<Series> series) {
        return new SvgChart(title, "", yLabel, false, logY, series, true, categories);
    }

    public String svg() {
        // A bar chart has one series and no legend, so its categories get the legend's room.
        int right = bars ? 20 : RIGHT;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                W, H, W, H, Svg.escape(title)));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        b.append(text(W / 2.0 - right / 2.0 + LEFT / 2.0, 20, title, "middle", 14, "bold"));
        List<double[]> all = new ArrayList<>();
        series.forEach(s -> s.points().stream().filter(p -> valid(p)).forEach(p -> {
            all.add(p);
            if (p.length >= 4) {
                // The spread's ends must fit on the axis too.
                all.add(new double[] {p[0], p[2]});
                all.add(new double[] {p[0], p[3]});
            }
        }));
        if (all.isEmpty()) {
            b.append(text(W / 2.0, H / 2.0, "no data in this run", "middle", 13, "normal")).append("</svg>");
            return b.toString();
        }
        double[] xr = bars ? new double[] {-0.5, Math.max(0.5, categories.size() - 0.5)} : range(all, 0, logX);
        double[] yr = range(all, 1, logY);
        if (!logY) {
            yr[0] = Math.min(0, yr[0]);
        }
        int pw = W - LEFT - right;
        int ph = H - TOP - BOTTOM;
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>", LEFT, TOP, pw, ph));
        for (double t : ticks(yr, logY)) {
            double y = TOP + ph - frac(t, yr, logY) * ph;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, LEFT + pw, y, y));
            b.append(text(LEFT - 6, y + 4, label(t), "end", 11, "normal"));
        }
        if (bars) {
            for (int i = 0; i < categories.size(); i++) {
                double x = LEFT + frac(i, xr, false) * pw;
                b.append(text(x, TOP + ph + 16, categories.get(i), "middle", 10, "normal"));
            }
        } else {
            for (double t : ticks(xr, logX)) {
                double x = LEFT + frac(t, xr, logX) * pw;
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>", x, x, TOP, TOP + ph));
                b.append(text(x, TOP + ph + 16, label(t), "middle", 11, "normal"));
            }
        }
        b.append(text(LEFT + pw / 2.0, H - 10, xLabel + (logX ? " (log scale)" : ""), "middle", 12, "normal"));
        b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\" font-family=\"sans-serif\">%s</text>",
                TOP + ph / 2.0, TOP + ph / 2.0, Svg.escape(yLabel + (logY ? " (log)" : ""))));
        int n = series.size();
        for (int si = 0; si < n; si++) {
            Series s = series.get(si);
            List<double[]> pts = s.points().stream().filter(SvgChart::valid).toList();
            if (bars) {
                double slot = (double) pw / Math.max(1, categories.size());
                double bw = slot * 0.7 / n;
                for (double[] p : pts) {
                    double x = LEFT + frac(p[0], xr, false) * pw - slot * 0.35 + si * bw;
                    double y = TOP + ph - frac(p[1], yr, logY) * ph;
                    b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                            x, y, bw, TOP + ph - y, s.color(), Svg.escape(s.name()), label(p[1])));
                    b.append(text(x + bw / 2 + (p.length >= 4 ? 8 : 0), y - 3, label(p[1]), p.length >= 4 ? "start" : "middle", 10, "normal"));
                    b.append(errorBar(p, x + bw / 2, yr, ph));
                }
            } else {
                StringBuilder path = new StringBuilder();
                for (double[] p : pts) {
                    double x = LEFT + frac(p[0], xr, logX) * pw;
                    double y = TOP + ph - frac(p[1], yr, logY) * ph;
                    path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                    b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: x=%s y=%s%s</title></circle>",
                            x, y, s.color(), Svg.escape(s.name()), label(p[0]), label(p[1]),
                            p.length >= 4 ? " (" + label(p[2]) + "-" + label(p[3]) + ")" : ""));
                    b.append(errorBar(p, x, yr, ph));
                }
                if (pts.size() > 1) {
                    b.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>", path, s.color(),
                            s.name().startsWith("ideal") || s.name().startsWith("best") ? " stroke-dasharray=\"5 4\"" : ""));
                }
            }
            if (bars) {
                continue;
            }
            double ly = TOP + 12 + si * 18;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>", W - RIGHT + 12, ly - 10, s.color()));
            b.append(text(W - RIGHT + 30, ly, s.name(), "start", 12, "normal"));
        }
        return b.append("</svg>").toString();
    }

    /** A vertical line from the point's min to its max with short caps; nothing for a point without a spread. */
    private String errorBar(double[] p, double x, double[] yr, int ph) {
        if (p.length < 4 || Double.isNaN(p[2]) || Double.isNaN(p[3])) {
            return "";
        }
        double y0 = TOP + ph - frac(p[2], yr, logY) * ph;
        double y1 = TOP + ph - frac(p[3], yr, logY) * ph;
        return String.format(Locale.ROOT, "<path d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f\" stroke=\"#333\""
                + " stroke-width=\"1.2\" fill=\"none\" class=\"error-bar\"/>", x, y0, x, y1, x - 4, y0, x + 4, y0, x - 4, y1, x + 4, y1);
    }

    private static boolean valid(double[] p) {
        return !Double.isNaN(p[0]) && !Double.isNaN(p[1]) && !Double.isInfinite(p[1]);
    }

    private static double[] range(List<double[]> pts, int i, boolean log) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double[] p : pts) {
            if (log && p[i] <= 0) {
                continue;
            }
            lo = Math.min(lo, p[i]);
            hi = Math.max(hi, p[i]);
        }
        if (lo == Double.MAX_VALUE) {
            return new double[] {1, 10};
        }
        if (log) {
            return new double[] {Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)) + (hi == lo ? 1 : 0))};
        }
        double step = niceStep((hi - Math.min(0, lo)) / 5);
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step + (hi == lo ? step : 0)};
    }

    private static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
    }

    private static List<Double> ticks(double[] r, boolean log) {
        List<Double> t = new ArrayList<>();
        if (log) {
            for (double v = r[0]; v <= r[1] * 1.0001; v *= 10) {
                t.add(v);
            }
        } else {
            double step = niceStep((r[1] - r[0]) / 5);
            for (double v = r[0]; v <= r[1] + step / 1000; v += step) {
                t.add(v);
            }
        }
        return t;
    }

    private static double frac(double v, double[] r, boolean log) {
        if (log) {
            double lv = Math.log10(Math.max(v, r[0]));
            return (lv - Math.log10(r[0])) / (Math.log10(r[1]) - Math.log10(r[0]));
        }
        return (v - r[0]) / (r[1] - r[0]);
    }

    public static String label(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e4) {
            return trim(v / 1e3) + "k";
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return a >= 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String text(double x, double y, String s, String anchor, int size, String weight) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\" font-family=\"sans-serif\">%s</text>",
                x, y, size, weight, anchor, Svg.escape(s));
    }
}
