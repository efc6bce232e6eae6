package io.gannotebooks.model;

import io.gannotebooks.util.Streams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** z ~ N(0, 1): batches of latent vectors, each batch a pure function of (seed, stream, index). */
public final class LatentNoise {
    private LatentNoise() {
    }

    /** A [n, latentSize] batch of standard normal values. */
    public static INDArray sample(long seed, long stream, long index, int n, int latentSize, DataType type) {
        var random = Streams.of(seed, stream, index);
        float[] values = new float[n * latentSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[]{n, latentSize}, 'c').castTo(type);
    }
}
