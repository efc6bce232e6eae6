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

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
