package io.gannotebooks.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Counts of values in equal bins between {@code low} and {@code high}, one bar series per sample, e.g.
 * {@code HistogramChart.titled("D's output").axes("D(image)", "images").bins(20, 0.4, 0.6).add("real", p).image()}.
 * Values outside [low, high) are not counted.
 */
public final class HistogramChart {
    private final CategoryChart chart;
    private int bins = 10;
    private double low = 0;
    private double high = 1;

    private HistogramChart(String title) {
        chart = new CategoryChartBuilder().width(640).height(360).title(title).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(90);
    }

    public static HistogramChart titled(String title) {
        return new HistogramChart(title);
    }

    public HistogramChart axes(String x, String y) {
        chart.setXAxisTitle(x);
        chart.setYAxisTitle(y);
        return this;
    }

    /** {@code n} bins of equal width over [low, high); set before the first {@link #add}. */
    public HistogramChart bins(int n, double low, double high) {
        if (n < 1 || !(high > low)) {
            throw new IllegalArgumentException("need at least one bin and high > low");
        }
        this.bins = n;
        this.low = low;
        this.high = high;
        return this;
    }

    public HistogramChart add(String name, double[] values) {
        chart.addSeries(name, labels(), counts(values, bins, low, high));
        return this;
    }

    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** How many values fall in each of {@code n} equal bins of [low, high). */
    public static List<Integer> counts(double[] values, int n, double low, double high) {
        int[] counts = new int[n];
        double width = (high - low) / n;
        for (double v : values) {
            int bin = (int) Math.floor((v - low) / width);
            if (v >= low && v < high && bin >= 0 && bin < n) {
                counts[bin]++;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }

    /** Each bin named by its lower edge, with as many decimals as the bin width needs. */
    private List<String> labels() {
        double width = (high - low) / bins;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(width)));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            out.add(String.format(Locale.ROOT, "%." + decimals + "f", low + i * width));
        }
        return out;
    }
}
