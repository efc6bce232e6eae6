package io.gannotebooks.metrics;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.util.Statistics;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Does the generator copy its training images? For generated images and for held-out real ones, the
 * pixel distance to the nearest training image ({@link NearestNeighbours}). Fresh real images show what
 * "new but typical" looks like: a generator that copies sits much closer to its training set than they do.
 *
 * @param generated distance of each generated image to its nearest training image, in [-1, 1] pixel units
 * @param heldOut   the same for real images that were not searched
 */
public record Memorisation(double[] generated, double[] heldOut) {
    /** The quantile of held-out distances below which a generated image counts as a near-copy. */
    public static final double COPY_QUANTILE = 0.05;

    /**
     * Searches the images of {@code data} at {@code training} for the nearest neighbour of each generated
     * and each held-out image; {@code heldOut} must not be among them.
     */
    public static Memorisation measure(INDArray generated, INDArray heldOut, ImageDataset data, int[] training) {
        return new Memorisation(NearestNeighbours.search(generated, data, training).distances(),
                NearestNeighbours.search(heldOut, data, training).distances());
    }

    /**
     * Median distance of generated images over that of held-out real ones: about 1 when the generator is as
     * novel as fresh data, well below 1 when it copies, above 1 while its images are not yet realistic.
     */
    public double medianRatio() {
        return Statistics.median(generated) / Statistics.median(heldOut);
    }

    /**
     * Share of generated images closer to the training set than 95% of held-out real images are. Fresh
     * data scores 0.05 by construction; much more means near-copies.
     */
    public double copyShare() {
        double[] sorted = heldOut.clone();
        Arrays.sort(sorted);
        double limit = sorted[(int) Math.floor(COPY_QUANTILE * (sorted.length - 1))];
        return (double) Arrays.stream(generated).filter(d -> d <= limit).count() / generated.length;
    }
}
