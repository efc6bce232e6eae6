package io.gannotebooks.plot;

import io.gannotebooks.train.TrainingHistory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** XChart plots of a training history: losses, and D's two probabilities, each with a rolling mean. */
public final class TrainingCharts {
    private TrainingCharts() {
    }

    /** loss_d and loss_g against the iteration (faint: raw; solid: rolling mean). */
    public static BufferedImage losses(TrainingHistory history) {
        return losses(history, 800, 320);
    }

    public static BufferedImage losses(TrainingHistory history, int width, int height) {
        XYChart chart = chart("Losses", "loss", width, height);
        add(chart, history.table(), "loss_d", "loss_d", new Color(0x1f77b4));
        add(chart, history.table(), "loss_g", "loss_g", new Color(0xd62728));
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** D(x) and D(G(z)) against the iteration; at the GAN equilibrium both approach 0.5. */
    public static BufferedImage probabilities(TrainingHistory history) {
        return probabilities(history, 800, 320);
    }

    public static BufferedImage probabilities(TrainingHistory history, int width, int height) {
        XYChart chart = chart("Discriminator outputs", "probability", width, height);
        add(chart, history.table(), "d_real", "D(x)", new Color(0x2ca02c));
        add(chart, history.table(), "d_fake", "D(G(z))", new Color(0xff7f0e));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Both charts stacked in one picture (the loss plot of a run folder). */
    public static BufferedImage overview(TrainingHistory history) {
        BufferedImage top = losses(history);
        BufferedImage bottom = probabilities(history);
        BufferedImage out = new BufferedImage(Math.max(top.getWidth(), bottom.getWidth()),
                top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        return out;
    }

    /** Mean over a trailing window of {@code window} values (shorter at the start). */
    public static double[] rollingMean(double[] values, int window) {
        double[] out = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    private static XYChart chart(String title, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("iteration")
                .yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    private static void add(XYChart chart, Table table, String column, String label, Color color) {
        double[] x = table.longColumn("iteration").asDoubleArray();
        double[] y = ((DoubleColumn) table.column(column)).asDoubleArray();
        if (x.length == 0) {
            x = new double[]{0};
            y = new double[]{Double.NaN};
        }
        int window = Math.max(1, x.length / 25);
        XYSeries raw = chart.addSeries(label, x, y);
        raw.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
        raw.setMarker(SeriesMarkers.NONE);
        raw.setShowInLegend(false);
        XYSeries smooth = chart.addSeries(label + " (mean of " + window + ")", x, rollingMean(y, window));
        smooth.setLineColor(color);
        smooth.setMarker(SeriesMarkers.NONE);
    }
}
