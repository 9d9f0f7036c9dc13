package crawler.bench.judge;


import java.util.Collection;

/** Median, minimum and maximum of a few measurements. */
public record Stat(double median, double min, double max) {

    /** The median of an even count is the mean of the two middle values. */
    public static Stat of(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Stat(median, v[0], v[n - 1]);
    }

    /** (max - min) / median; 0 for a single value or a zero median. */
    public double spread() {
        return median == 0 ? 0 : (max - min) / median;
    }

    @Override
    public String toString() {
        return median + " [" + min + ", " + max + "]";
    }
}
