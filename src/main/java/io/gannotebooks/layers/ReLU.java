package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * a = max(x, 0), in place.  Backward: ∂L/∂x = ∂L/∂a where a > 0 (equivalently x > 0), else 0.
 */
public final class ReLU implements Layer {
    private final String name;
    private INDArray output;

    public ReLU(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray forward(INDArray x) {
        NativeOp.run("relu", NativeOp.of(x), NativeOp.of(x), new int[0], 0.0); // threshold 0
        output = x;
        return x;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        // the mask from the output: a > 0 exactly where x > 0
        NativeOp.run("relu_bp", NativeOp.of(output, g), NativeOp.of(g), new int[0]);
        return g;
    }

    @Override
    public boolean overwritesInput() {
        return true;
    }

    @Override
    public boolean readsOutputInBackward() {
        return true;
    }
}
