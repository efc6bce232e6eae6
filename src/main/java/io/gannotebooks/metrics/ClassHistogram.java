package io.gannotebooks.metrics;

import io.gannotebooks.data.ShapeClass;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a set of shapes images spreads over the classes, as the {@link ShapeClassifier} sees it: the
 * counts of its most probable class, and how many it names with confidence. This is how mode collapse
 * shows in numbers: a generator that draws only discs and squares fills two bars of five.
 *
 * <p>Each image counts for its most probable class, however unsure; {@link #confidentShare()} says how
 * far to trust the bars. Real shapes are named confidently almost always, blobs and hybrids are not.
 *
 * @param counts    images per class, in {@link ShapeClass} order
 * @param confident images whose most probable class has probability ≥ {@code threshold}
 * @param threshold the confidence threshold
 */
public record ClassHistogram(int[] counts, int confident, double threshold) {
    /** A sample counts as confidently classified from this probability on. */
    public static final double CONFIDENT = 0.9;

    public ClassHistogram {
        counts = counts.clone();
        if (Arrays.stream(counts).sum() == 0) {
            throw new IllegalArgumentException("a class histogram needs at least one image");
        }
    }

    /** The histogram of class probabilities [n, classes] (rows sum to 1). */
    public static ClassHistogram of(INDArray probabilities) {
        double[][] p = probabilities.castTo(DataType.DOUBLE).toDoubleMatrix();
        int[] counts = new int[p[0].length];
        int confident = 0;
        for (double[] row : p) {
            int best = ShapeClassifier.argmax(row);
            counts[best]++;
            if (row[best] >= CONFIDENT) {
                confident++;
            }
        }
        return new ClassHistogram(counts, confident, CONFIDENT);
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    public int total() {
        return Arrays.stream(counts).sum();
    }

    public int classCount() {
        return counts.length;
    }

    /** Share of the images per class; they sum to 1. */
    public double[] shares() {
        double n = total();
        return Arrays.stream(counts).mapToDouble(c -> c / n).toArray();
    }

    /** Share of images named with probability ≥ {@link #threshold()}: realistic shapes score near 1. */
    public double confidentShare() {
        return (double) confident / total();
    }

    /**
     * Share of classes that receive at least half of their expected share, here 1/5 each (the shapes
     * dataset draws its classes uniformly). 1 means every mode is there in strength; a missing or starved
     * class costs 1/5.
     */
    public double classesCovered() {
        int covered = 0;
        double half = 0.5 / classCount();
        for (double share : shares()) {
            if (share >= half) {
                covered++;
            }
        }
        return (double) covered / classCount();
    }

    /**
     * Entropy of the class shares divided by its maximum, log(classes): 1 for a perfectly even spread, 0
     * when every image falls in one class. 1000 uniform samples give about 0.999.
     */
    public double normalizedEntropy() {
        double h = 0;
        for (double share : shares()) {
            if (share > 0) {
                h -= share * Math.log(share);
            }
        }
        return h / Math.log(classCount());
    }

    /** The class names, in count order, for charts and tables. */
    public static java.util.List<String> classNames() {
        return Arrays.stream(ShapeClass.values()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
