package io.gannotebooks.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart for a notebook cell, read like the sentence it stands for:
 * {@code LinePlot.titled("Error").axes("N", "RMS").logarithmic().line("measured", n, e).image()}.
 * Lines without markers; {@link #image()} gives the picture a notebook shows.
 */
public final class LinePlot {
    private final XYChart chart;

    private LinePlot(String title) {
        chart = new XYChartBuilder().width(640).height(380).title(title).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
    }

    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    public LinePlot axes(String x, String y) {
        chart.setXAxisTitle(x);
        chart.setYAxisTitle(y);
        return this;
    }

    /** Both axes logarithmic. */
    public LinePlot logarithmic() {
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    /** Only the y axis logarithmic: values that span orders of magnitude against a linear x. */
    public LinePlot logarithmicY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    /** The legend under the chart instead of beside it: room for long series names. */
    public LinePlot legendBelow() {
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        return this;
    }

    /** Tick labels of the x axis, e.g. "0.0". */
    public LinePlot xPattern(String decimalPattern) {
        chart.getStyler().setXAxisDecimalPattern(decimalPattern);
        return this;
    }

    public LinePlot line(String name, double[] x, double[] y) {
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
        return this;
    }

    /** The values of {@code f} at {@code x}. */
    public LinePlot line(String name, double[] x, java.util.function.DoubleUnaryOperator f) {
        return line(name, x, java.util.Arrays.stream(x).map(f).toArray());
    }

    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
