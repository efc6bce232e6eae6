package io.gannotebooks.model;

import io.gannotebooks.util.Streams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** z ~ N(0, 1): batches of latent vectors, each batch a pure function of (seed, stream, index). */
public final class LatentNoise {
    private LatentNoise() {
    }

    /** No truncation: z ~ N(0, 1) as in training. */
    public static final double UNTRUNCATED = Double.POSITIVE_INFINITY;

    /** A [n, latentSize] batch of standard normal values. */
    public static INDArray sample(long seed, long stream, long index, int n, int latentSize, DataType type) {
        return sample(seed, stream, index, n, latentSize, type, UNTRUNCATED);
    }

    /**
     * A [n, latentSize] batch of N(0, 1) values conditioned on |z| ≤ {@code truncation} (BigGAN's "truncation
     * trick": a value drawn outside is drawn again), which trades variety for typical images. With
     * {@link #UNTRUNCATED} the values are those of the plain draw.
     */
    public static INDArray sample(long seed, long stream, long index, int n, int latentSize, DataType type,
                                  double truncation) {
        if (!(truncation > 0)) {
            throw new IllegalArgumentException("truncation must be above 0, got " + truncation);
        }
        var random = Streams.of(seed, stream, index);
        float[] values = new float[n * latentSize];
        for (int i = 0; i < values.length; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > truncation);
            values[i] = (float) z;
        }
        return Nd4j.create(values, new long[]{n, latentSize}, 'c').castTo(type);
    }
}
