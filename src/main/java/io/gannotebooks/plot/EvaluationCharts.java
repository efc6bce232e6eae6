package io.gannotebooks.plot;

import io.gannotebooks.metrics.ClassHistogram;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/** XChart plots of the metrics: the shape classes of generated vs real images, measures over training. */
public final class EvaluationCharts {
    private static final Color GENERATED = new Color(0xff7f0e);
    private static final Color REAL = new Color(0x2ca02c);

    private EvaluationCharts() {
    }

    /** Share of each shape class among generated and real images, side by side. */
    public static BufferedImage classHistogram(ClassHistogram generated, ClassHistogram real) {
        CategoryChart chart = new CategoryChartBuilder().width(640).height(360).title("Shape classes")
                .xAxisTitle("class (most probable, by the shape classifier)").yAxisTitle("share of images").build();
        List<String> names = ClassHistogram.classNames();
        chart.addSeries("generated", names, boxed(generated.shares())).setFillColor(GENERATED);
        chart.addSeries("real", names, boxed(real.shares())).setFillColor(REAL);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The named columns of a metrics.csv table against its iteration column. */
    public static BufferedImage overTraining(Table metrics, String... columns) {
        return BitmapEncoder.getBufferedImage(overTrainingChart(metrics, columns));
    }

    public static XYChart overTrainingChart(Table metrics, String... columns) {
        XYChart chart = new XYChartBuilder().width(800).height(320).title("Measures during training")
                .xAxisTitle("iteration").yAxisTitle("value").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] x = ((NumericColumn<?>) metrics.column("iteration")).asDoubleArray();
        for (String name : columns) {
            XYSeries s = chart.addSeries(name, x, ((NumericColumn<?>) metrics.column(name)).asDoubleArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * The named columns of a metrics.csv table against its iteration column, on a chart of their own with
     * this title: measures of different ranges (a distance, a share) each on their own axis.
     */
    public static BufferedImage measure(Table metrics, String title, String... columns) {
        XYChart chart = overTrainingChart(metrics, columns);
        chart.setTitle(title);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** As {@link #measure}, for measures that are shares (precision, recall, coverage): the axis from 0 to 1. */
    public static BufferedImage fractions(Table metrics, String title, String... columns) {
        XYChart chart = overTrainingChart(metrics, columns);
        chart.setTitle(title);
        chart.setYAxisTitle("share");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Mode hopping on a chart: the share of each shape class among the generated images at every measurement of
     * a metrics.csv table (its {@code share_*} columns), with the share the classifier names with confidence
     * (dashed) and an equal share of the classes ({@code equalShare}, dotted) for scale. A class's share
     * counts every image whose most probable class it is, blobs included: the dashed line says how many of
     * them the classifier is sure of.
     */
    public static BufferedImage classSharesOverTraining(Table metrics, double equalShare) {
        XYChart chart = new XYChartBuilder().width(800).height(340).title("Shape classes of the generated images during training")
                .xAxisTitle("iteration").yAxisTitle("share of images").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        double[] x = ((NumericColumn<?>) metrics.column("iteration")).asDoubleArray();
        for (String name : ClassHistogram.classNames()) {
            String column = "share_" + name;
            if (metrics.columnNames().contains(column)) {
                XYSeries s = chart.addSeries(name, x, ((NumericColumn<?>) metrics.column(column)).asDoubleArray());
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (metrics.columnNames().contains("confident")) {
            XYSeries s = chart.addSeries("named with confidence", x,
                    ((NumericColumn<?>) metrics.column("confident")).asDoubleArray());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.GRAY);
            s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[]{8f, 5f}, 0f));
        }
        if (x.length > 0) {
            double[] ends = {x[0], x[x.length - 1]};
            XYSeries s = chart.addSeries("an equal share", ends, new double[]{equalShare, equalShare});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.BLACK);
            s.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[]{2f, 3f}, 0f));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
