package io.gannotebooks.metrics;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.util.Chunks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        return Chunks.map(images, CHUNK, this::features).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** Feature vectors of the images at {@code indices}, drawn chunk by chunk so they never all sit in memory. */
    default double[][] vectors(ImageDataset data, int[] indices) {
        return Chunks.map(indices, CHUNK, part -> features(data.batch(part))).castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
