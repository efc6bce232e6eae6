package io.gannotebooks.metrics;

import io.gannotebooks.data.ImageDataset;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fixed map from images to feature vectors, in which the measures compare real and generated images.
 * Distances between raw pixels say little about whether two pictures show the same kind of thing; a
 * network's features do, and which network decides what the numbers mean, so every measure is reported
 * with the {@link #name()} of its feature space.
 */
public interface FeatureExtractor {
    /** Images per forward pass: bounds the memory of one pass whatever the size of the set. */
    int CHUNK = 64;

    /** What the features are, for tables and reports, e.g. "shape-classifier features (64-d)". */
    String name();

    /** Feature vectors [n, d] of images [n, 3, 64, 64] in [-1, 1]. */
    INDArray features(INDArray images);

    /** {@link #features} of any number of images, computed in chunks, as rows of doubles. */
    default double[][] vectors(INDArray images) {
        long n = images.size(0);
        double[][] out = new double[(int) n][];
        for (long start = 0; start < n; start += CHUNK) {
            long end = Math.min(n, start + CHUNK);
            INDArray part = images.get(NDArrayIndex.interval(start, end));
            double[][] rows = features(part).castTo(DataType.DOUBLE).toDoubleMatrix();
            System.arraycopy(rows, 0, out, (int) start, rows.length);
        }
        return out;
    }

    /** Feature vectors of the images at {@code indices}, drawn chunk by chunk so they never all sit in memory. */
    default double[][] vectors(ImageDataset data, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int start = 0; start < indices.length; start += CHUNK) {
            int[] part = Arrays.copyOfRange(indices, start, Math.min(indices.length, start + CHUNK));
            double[][] rows = features(data.batch(part)).castTo(DataType.DOUBLE).toDoubleMatrix();
            System.arraycopy(rows, 0, out, start, rows.length);
        }
        return out;
    }
}
