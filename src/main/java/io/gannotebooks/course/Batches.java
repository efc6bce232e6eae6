package io.gannotebooks.course;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The few batch operations the notebooks need, by name, so that a cell reads {@code Batches.first(fakes, 8)}
 * instead of nd4j's indexing and copies as it is: a batch is an array whose first axis counts its items
 * (images [n, C, H, W], noise vectors [n, latent]).
 */
public final class Batches {
    private Batches() {
    }

    /** The first {@code n} items of a batch, a copy: [n, …]. */
    public static INDArray first(INDArray batch, int n) {
        return range(batch, 0, n);
    }

    /** Item {@code i} of a batch as a batch of one, a copy: [1, …]. */
    public static INDArray item(INDArray batch, int i) {
        return range(batch, i, i + 1);
    }

    /** The batches one after another along the first axis: [Σ n, …]. */
    public static INDArray stack(INDArray... batches) {
        if (batches.length == 0) {
            throw new IllegalArgumentException("nothing to stack");
        }
        return batches.length == 1 ? batches[0].dup() : Nd4j.concat(0, batches);
    }

    /** Number of items. */
    public static int size(INDArray batch) {
        return (int) batch.size(0);
    }

    /** The Euclidean norm of each item, ‖zᵢ‖ for noise vectors [n, latent]. */
    public static double[] norms(INDArray batch) {
        int n = size(batch);
        double[] out = new double[n];
        INDArray flat = batch.castTo(DataType.DOUBLE).reshape('c', n, batch.length() / n);
        for (int i = 0; i < n; i++) {
            out[i] = flat.getRow(i).norm2Number().doubleValue();
        }
        return out;
    }

    /**
     * The darkest and brightest channel value of images in [-1, 1] as a picture shows them, on 0..255 (the
     * rounding of {@code ImageGrid}): {min, max}.
     */
    public static int[] pixelRange(INDArray images) {
        float[] values = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int min = 255;
        int max = 0;
        for (float v : values) {
            int level = Math.max(0, Math.min(255, Math.round((v + 1) * 127.5f)));
            min = Math.min(min, level);
            max = Math.max(max, level);
        }
        return new int[]{min, max};
    }

    private static INDArray range(INDArray batch, int from, int to) {
        int n = size(batch);
        if (from < 0 || to > n || from >= to) {
            throw new IllegalArgumentException("items " + from + " to " + (to - 1) + " of a batch of " + n
                    + " (shape " + Arrays.toString(batch.shape()) + ")");
        }
        return batch.get(NDArrayIndex.interval(from, to)).dup();
    }
}
