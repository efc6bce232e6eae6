package io.gannotebooks.metrics;

import io.gannotebooks.data.GaussianBlur;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The measures on real images whose edges are softened by a Gaussian blur of σ pixels: what a generator's
 * numbers mean in terms of sharpness. The images are the evaluator's second real set, the one its
 * real-vs-real column is measured on, so the σ = 0 row is that column and each further row is the same
 * images, only softer. A generator's row reads against the ladder: "as far from the data as real shapes
 * blurred by about σ".
 */
public final class BlurLadder {
    /** The rungs the notebook and {@code bench/BlurLadder.java} show by default, in pixels. */
    public static final double[] SIGMAS = {0, 0.5, 0.75, 1, 1.5, 2};

    /** One row: what was measured, and how it scored. */
    public record Rung(String label, Evaluation evaluation) {
    }

    private BlurLadder() {
    }

    /** The evaluator's second real set blurred by each σ, each measured as a generator's images would be. */
    public static List<Rung> measure(Evaluator evaluator, double... sigmas) {
        Evaluator quick = evaluator.withoutMemorisation(); // real images are in the training set: no copy search
        INDArray real = secondReal(evaluator, evaluator.referenceSets().secondReal().length);
        List<Rung> rungs = new ArrayList<>();
        for (double sigma : sigmas) {
            rungs.add(new Rung("real, blurred by σ = " + sigma + " px", quick.evaluate(GaussianBlur.apply(real, sigma))));
        }
        return rungs;
    }

    /** {@code count} images of the second real set at each σ, one block of {@code count} per σ: [count · σs, C, H, W]. */
    public static INDArray images(Evaluator evaluator, int count, double... sigmas) {
        INDArray real = secondReal(evaluator, count);
        return Nd4j.concat(0, Arrays.stream(sigmas).mapToObj(s -> GaussianBlur.apply(real, s)).toArray(INDArray[]::new));
    }

    /** The rungs as a table: Fréchet distance, precision, recall, and for the shapes the confident share and classes. */
    public static Table table(List<Rung> rungs) {
        boolean classes = rungs.stream().allMatch(r -> r.evaluation().classes().isPresent());
        Table t = Table.create("measures on blurred real images",
                StringColumn.create("images", rungs.stream().map(Rung::label).toList()),
                column("Fréchet distance", rungs, "fd"), column("precision", rungs, "precision"),
                column("recall", rungs, "recall"));
        if (classes) {
            int classCount = ClassHistogram.classNames().size();   // the measure is a fraction of the classes
            t.addColumns(column("confident", rungs, "confident"), DoubleColumn.create(
                    "classes with half their share (of " + classCount + ")", rungs.stream().mapToDouble(
                            r -> Math.round(r.evaluation().value("classes_covered") * classCount)).toArray()));
        }
        return t;
    }

    private static INDArray secondReal(Evaluator evaluator, int count) {
        int[] second = evaluator.referenceSets().secondReal();
        if (count < 1 || count > second.length) {
            throw new IllegalArgumentException("the second real set has " + second.length + " images, asked for " + count);
        }
        return evaluator.data().batch(Arrays.copyOf(second, count));
    }

    private static DoubleColumn column(String name, List<Rung> rungs, String key) {
        double[] values = rungs.stream().mapToDouble(r -> round(r.evaluation().value(key))).toArray();
        return DoubleColumn.create(name, values);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
