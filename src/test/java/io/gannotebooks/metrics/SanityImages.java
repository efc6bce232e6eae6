package io.gannotebooks.metrics;

import io.gannotebooks.data.ShapeClass;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.util.Streams;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Image sets whose scores we know in advance: fresh real shapes, and four ways of being wrong. */
final class SanityImages {
    /** Shapes of a seed the evaluator's reference (seed 1) does not use. */
    static final ShapesDataset OTHER_SEED = new ShapesDataset(2, 5000);
    private static final int SIDE = ShapesDataset.IMAGE_SIZE;

    private SanityImages() {
    }

    static INDArray realFromAnotherSeed(int n) {
        return OTHER_SEED.batch(IntStream.range(0, n).toArray());
    }

    /** Independent N(0, 0.5) pixels, clipped to [-1, 1]. */
    static INDArray gaussianNoise(int n) {
        var random = Streams.of(3, 0, 0);
        float[] pixels = new float[n * 3 * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) Math.max(-1, Math.min(1, 0.5 * random.nextGaussian()));
        }
        return Nd4j.create(pixels, new long[]{n, 3, SIDE, SIDE}, 'c');
    }

    /**
     * Real shapes with their pixels moved to random places (one permutation per image, the same for the
     * three channels): every colour is still there in the same amount, every shape is gone.
     */
    static INDArray pixelShuffled(int n) {
        float[] pixels = realFromAnotherSeed(n).dup('c').data().asFloat();
        float[] out = new float[pixels.length];
        int plane = SIDE * SIDE;
        for (int k = 0; k < n; k++) {
            int[] order = IntStream.range(0, plane).toArray();
            Streams.of(4, 0, k).shuffle(order);
            for (int c = 0; c < 3; c++) {
                int base = (k * 3 + c) * plane;
                for (int p = 0; p < plane; p++) {
                    out[base + p] = pixels[base + order[p]];
                }
            }
        }
        return Nd4j.create(out, new long[]{n, 3, SIDE, SIDE}, 'c');
    }

    /** Real shapes of every class but {@code missing}: a generator that dropped a mode. */
    static INDArray withoutClass(ShapeClass missing, int n) {
        int[] indices = IntStream.range(0, OTHER_SEED.size())
                .filter(i -> OTHER_SEED.label(i) != missing.ordinal()).limit(n).toArray();
        return OTHER_SEED.batch(indices);
    }

    /** One real image, n times: total mode collapse. */
    static INDArray collapsed(int n) {
        return Nd4j.repeat(OTHER_SEED.batch(0), n).reshape(n, 3, SIDE, SIDE);
    }
}
