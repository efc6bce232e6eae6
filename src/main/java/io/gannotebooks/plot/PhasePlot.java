package io.gannotebooks.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A square phase portrait for a two-parameter system: the field of update directions as grey arrows and
 * trajectories as lines, e.g.
 * {@code PhasePlot.titled("Dirac-GAN").axes("θ", "ψ").within(2).field(gan::velocity, 13).path("no R1", t, p).image()}.
 * Arrows point where a step goes; their length grows with the field's strength (square root, so weak spots
 * stay visible).
 */
public final class PhasePlot {
    private static final Color ARROW = new Color(0xb0b0b0);
    private static final Color[] PATHS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    private final XYChart chart;
    private int paths;
    /** Each arrow drawn, {tail x, tail y, tip x, tip y}, and each path's start, {x, y}: for tests. */
    private final java.util.List<double[]> drawnArrows = new java.util.ArrayList<>();
    private final java.util.List<double[]> drawnStarts = new java.util.ArrayList<>();
    private double extent = 2;
    private int arrows;

    /** A vector field on the plane: the direction (dx, dy) at (x, y). */
    @FunctionalInterface
    public interface Field {
        double[] at(double x, double y);
    }

    private PhasePlot(String title) {
        chart = new XYChartBuilder().width(560).height(640).title(title).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        within(extent);
    }

    public static PhasePlot titled(String title) {
        return new PhasePlot(title);
    }

    public PhasePlot axes(String x, String y) {
        chart.setXAxisTitle(x);
        chart.setYAxisTitle(y);
        return this;
    }

    /** Both axes from −extent to extent; set before {@link #field}. */
    public PhasePlot within(double extent) {
        if (!(extent > 0)) {
            throw new IllegalArgumentException("the extent must be positive, got " + extent);
        }
        this.extent = extent;
        chart.getStyler().setXAxisMin(-extent);
        chart.getStyler().setXAxisMax(extent);
        chart.getStyler().setYAxisMin(-extent);
        chart.getStyler().setYAxisMax(extent);
        return this;
    }

    /** The field's directions on an n × n grid of arrows over the square, scaled to fit the grid. */
    public PhasePlot field(Field field, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 × 2 arrows, got " + n);
        }
        double spacing = 2 * extent / (n - 1);
        double[][][] v = new double[n][n][];
        double strongest = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i][j] = field.at(-extent + i * spacing, -extent + j * spacing);
                strongest = Math.max(strongest, Math.hypot(v[i][j][0], v[i][j][1]));
            }
        }
        if (strongest == 0) {
            return this;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double strength = Math.hypot(v[i][j][0], v[i][j][1]);
                if (strength == 0) {
                    continue;
                }
                double length = 0.85 * spacing * Math.sqrt(strength / strongest);
                double ux = v[i][j][0] / strength;
                double uy = v[i][j][1] / strength;
                double x0 = -extent + i * spacing - ux * length / 2;
                double y0 = -extent + j * spacing - uy * length / 2;
                double x1 = x0 + ux * length;
                double y1 = y0 + uy * length;
                double head = Math.min(0.3 * spacing, 0.45 * length);
                // the tip, then two wings 25° either side of the shaft, drawn as one polyline
                double[] wingA = rotate(-ux, -uy, 0.44);
                double[] wingB = rotate(-ux, -uy, -0.44);
                double[] xs = {x0, x1, x1 + head * wingA[0], x1, x1 + head * wingB[0]};
                double[] ys = {y0, y1, y1 + head * wingA[1], y1, y1 + head * wingB[1]};
                drawnArrows.add(new double[]{x0, y0, x1, y1});
                XYSeries s = chart.addSeries("field " + arrows++, xs, ys);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(ARROW);
                s.setLineStyle(new BasicStroke(1f));
                s.setShowInLegend(false);
            }
        }
        return this;
    }

    /** A trajectory through the plane, with a dot where it starts. */
    public PhasePlot path(String name, double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("a path needs as many x as y values, at least one");
        }
        Color colour = PATHS[paths++ % PATHS.length];
        drawnStarts.add(new double[]{x[0], y[0]});
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(1.6f));
        XYSeries start = chart.addSeries(name + " (start)", new double[]{x[0]}, new double[]{y[0]});
        start.setMarker(SeriesMarkers.CIRCLE);
        start.setMarkerColor(colour);
        start.setLineColor(colour);
        start.setShowInLegend(false);
        return this;
    }

    /** The arrows drawn so far, each {tail x, tail y, tip x, tip y}. */
    java.util.List<double[]> arrows() {
        return java.util.List.copyOf(drawnArrows);
    }

    /** Where each path starts, {x, y}. */
    java.util.List<double[]> starts() {
        return java.util.List.copyOf(drawnStarts);
    }

    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static double[] rotate(double x, double y, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[]{c * x - s * y, s * x + c * y};
    }
}
