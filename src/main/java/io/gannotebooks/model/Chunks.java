package io.gannotebooks.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Inference over a batch in slices of {@link #SIZE}, to bound the memory one forward pass takes. */
final class Chunks {
    static final int SIZE = 16;

    private Chunks() {
    }

    static INDArray map(INDArray input, MultiLayerNetwork network) {
        long n = input.size(0);
        if (n <= SIZE) {
            return network.output(input, false);
        }
        List<INDArray> parts = new ArrayList<>();
        for (long start = 0; start < n; start += SIZE) {
            INDArray slice = input.get(NDArrayIndex.interval(start, Math.min(n, start + SIZE)));
            parts.add(network.output(slice, false));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }
}
