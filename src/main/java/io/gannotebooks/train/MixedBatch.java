package io.gannotebooks.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;

/**
 * The design note's mixed batch: B real and B generated images shuffled into one batch of 2B, with
 * labels 1 and 0. {@code order[k]} is the source of row k: below B a real image, from B on a generated one.
 */
final class MixedBatch {
    private final int b;
    private final int[] order;
    private final INDArray images;

    MixedBatch(INDArray real, INDArray fake, int[] order) {
        this.b = (int) real.size(0);
        this.order = order;
        this.images = Nd4j.concat(0, real, fake).get(new SpecifiedIndex(toLongs(order)), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());
    }

    INDArray images() {
        return images;
    }

    /** 1 for real rows, 0 for generated ones. */
    INDArray labels() {
        INDArray labels = Nd4j.create(images.dataType(), order.length, 1);
        for (int k = 0; k < order.length; k++) {
            labels.putScalar(k, 0, order[k] < b ? 1 : 0);
        }
        return labels;
    }

    /** A per-image loss mask that keeps only the generated rows (G's loss is about its own images). */
    INDArray generatedMask() {
        INDArray mask = Nd4j.create(images.dataType(), order.length, 1);
        for (int k = 0; k < order.length; k++) {
            mask.putScalar(k, 0, order[k] < b ? 0 : 1);
        }
        return mask;
    }

    double[] realRows(double[] perRow) {
        return rows(perRow, 0);
    }

    double[] fakeRows(double[] perRow) {
        return rows(perRow, b);
    }

    /** The generated rows of a per-row array, back in G's order. */
    INDArray fakeRows(INDArray perRow) {
        long[] positions = new long[b];
        for (int k = 0; k < order.length; k++) {
            if (order[k] >= b) {
                positions[order[k] - b] = k;
            }
        }
        return perRow.get(new SpecifiedIndex(positions), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    private double[] rows(double[] perRow, int from) {
        double[] out = new double[b];
        for (int k = 0; k < order.length; k++) {
            if (order[k] >= from && order[k] < from + b) {
                out[order[k] - from] = perRow[k];
            }
        }
        return out;
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
