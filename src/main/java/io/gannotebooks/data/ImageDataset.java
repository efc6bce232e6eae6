package io.gannotebooks.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A finite, indexable set of square RGB images scaled to [-1, 1].
 *
 * <p>Images are addressed by index so that the training loop owns the order (shuffling, resuming at an
 * exact position) and a dataset stays a pure function of its index.
 */
public interface ImageDataset {

    /** A short human-readable name, e.g. "shapes (seed 1, 20000 images)". */
    String name();

    /**
     * How the dataset is named to {@link Datasets#open}: "shapes", "emoji" or a folder's absolute path, with
     * {@value Datasets#FLIP} when mirror images are added. A run's checkpoint records it, so a resumed run
     * reopens the same images, and a resume on other images (mirrors included) is refused.
     */
    String spec();

    /** Number of images. */
    int size();

    /** Side of each image in pixels (64). */
    int imageSize();

    /** Channels per image (3 = RGB). */
    default int channels() {
        return 3;
    }

    /**
     * Writes the images at {@code indices} into {@code dest}, one after another, each in channel-first
     * order (C, H, W), values in [-1, 1]. {@code dest} holds at least indices.length · C · H · W floats.
     */
    void fill(int[] indices, float[] dest);

    /**
     * This dataset, if its images are {@code side}×{@code side} with {@code channels} channels, as
     * {@code reader} (a network, say) expects; otherwise a {@link DatasetException} naming both.
     */
    default ImageDataset requireImages(int side, int channels, String reader) {
        if (imageSize() != side || channels() != channels) {
            throw new DatasetException("'" + name() + "' has " + imageSize() + "px images with " + channels()
                    + " channels; " + reader + " expects " + side + "px with " + channels);
        }
        return this;
    }

    /** The images at {@code indices} as a float array of shape [n, C, H, W]. */
    default INDArray batch(int... indices) {
        int side = imageSize();
        float[] data = new float[indices.length * channels() * side * side];
        fill(indices, data);
        return Nd4j.create(data, new long[]{indices.length, channels(), side, side}, 'c');
    }
}
