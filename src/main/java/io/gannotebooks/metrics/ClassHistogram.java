package io.gannotebooks.metrics;

import io.gannotebooks.data.ShapeClass;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
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
 * @param drawn     the classes the real images are drawn from, uniformly: all five for the standard shapes,
 *                  fewer for a selection ({@code --data shapes:square,upright})
 */
public record ClassHistogram(int[] counts, int confident, double threshold, Set<ShapeClass> drawn) {
    /** A sample counts as confidently classified from this probability on. */
    public static final double CONFIDENT = 0.9;

    public ClassHistogram {
        counts = counts.clone();
        drawn = Set.copyOf(drawn);
        if (Arrays.stream(counts).sum() == 0) {
            throw new IllegalArgumentException("a class histogram needs at least one image");
        }
        if (drawn.isEmpty()) {
            throw new IllegalArgumentException("a class histogram needs at least one drawn class");
        }
    }

    /** A histogram against data that draws all five classes. */
    public ClassHistogram(int[] counts, int confident, double threshold) {
        this(counts, confident, threshold, EnumSet.allOf(ShapeClass.class));
    }

    /** The histogram of class probabilities [n, classes] (rows sum to 1), against data of all five classes. */
    public static ClassHistogram of(INDArray probabilities) {
        return of(probabilities, EnumSet.allOf(ShapeClass.class));
    }

    /** The histogram of class probabilities [n, classes] against data drawn from the classes {@code drawn}. */
    public static ClassHistogram of(INDArray probabilities, Set<ShapeClass> drawn) {
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
        return new ClassHistogram(counts, confident, CONFIDENT, drawn);
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

    /** How many classes the real images are drawn from: 5, or fewer for a selection. */
    public int drawnCount() {
        return drawn.size();
    }

    /** Half the share of each drawn class (the shapes dataset draws its classes uniformly): 1/10 of five. */
    public double halfShare() {
        return 0.5 / drawnCount();
    }

    /**
     * Share of the drawn classes that receive at least half of their expected share, 1/5 each for the standard
     * shapes. 1 means every mode is there in strength; a missing or starved class costs 1/5.
     */
    public double classesCovered() {
        double[] shares = shares();
        long covered = drawn.stream().filter(c -> shares[c.ordinal()] >= halfShare()).count();
        return (double) covered / drawnCount();
    }

    /**
     * Entropy of the class shares divided by its maximum, log(drawn classes): 1 for a perfectly even spread, 0
     * when every image falls in one class. 1000 uniform samples give about 0.999. Not a number when the data
     * draw one class only (there is no spread to measure).
     */
    public double normalizedEntropy() {
        if (drawnCount() < 2) {
            return Double.NaN;
        }
        double h = 0;
        for (double share : shares()) {
            if (share > 0) {
                h -= share * Math.log(share);
            }
        }
        return h / Math.log(drawnCount());
    }

    /** The class names, in count order, for charts and tables. */
    public static java.util.List<String> classNames() {
        return Arrays.stream(ShapeClass.values()).map(ShapeClass::word).toList();
    }
}
