package io.gannotebooks.model;

import io.gannotebooks.util.Streams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named draws of latent noise for the course's examples, so a notebook cell asks for "the interpolation's
 * end points" rather than for stream 6 of seed 11. Each name draws its own numbers, the same every time
 * ({@link Generator#noise}). New names go at the end: a name's draws follow from its position.
 */
public enum NoiseStream {
    /** Notebook 2: the batch whose path through G's layers is traced. */
    TRACE,
    /** Notebook 2: what an untrained G draws. */
    UNTRAINED_SAMPLES,
    /** Notebook 2: the generated images D judges before any training. */
    FIRST_VERDICT,
    /** Notebook 4: the two end points of the latent walks. */
    INTERPOLATION,
    /** Notebook 4: the generated images whose nearest training images are searched. */
    NEAREST_NEIGHBOURS;

    /** {@code n} standard normal vectors [n, latentSize] of this stream. */
    INDArray sample(int n, int latentSize, DataType type) {
        return LatentNoise.sample(1, Streams.COURSE_EXAMPLES, ordinal(), n, latentSize, type);
    }
}
