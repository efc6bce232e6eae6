package io.gannotebooks.bench.spike;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Transposed convolution + BatchNorm (batch statistics) + ReLU, forward and backward, one implementation.
 * {@link #step()} runs a forward pass on the block's input and a backward pass of its fixed upstream
 * gradient; the accessors then return that step's results (valid until the next step).
 */
public interface DeconvBlock {
    String name();

    /** Forward and backward once. */
    void step();

    /** The block's output [B, Cout, 2H, 2W]. */
    INDArray output();

    /** dL/d input [B, Cin, H, W]. */
    INDArray inputGradient();

    /** dL/d weights in DL4J's layout [Cin, Cout, 4, 4]. */
    INDArray weightGradient();

    INDArray gammaGradient();

    INDArray betaGradient();
}
