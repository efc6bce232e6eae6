package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained array and where its gradient goes: both are views (into a network's flat parameter vector and
 * flat gradient vector), so writing {@code gradient} fills the optimiser's input in place.
 */
public record Parameter(INDArray value, INDArray gradient) {
    public Parameter {
        if (!java.util.Arrays.equals(value.shape(), gradient.shape())) {
            throw new IllegalArgumentException("a parameter " + java.util.Arrays.toString(value.shape())
                    + " needs a gradient of the same shape, not " + java.util.Arrays.toString(gradient.shape()));
        }
    }
}
