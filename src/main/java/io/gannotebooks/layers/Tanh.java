package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * a = tanh(x), the generator's last step into [−1, 1].  Backward: ∂L/∂x = ∂L/∂a · (1 − tanh²(x)).
 * Not in place: the output is the generator's image, which the discriminator reads while x is still needed.
 */
public final class Tanh implements Layer {
    private final String name;
    private INDArray input;
    private INDArray output;

    public Tanh(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        output = NativeOp.buffer(output, x.dataType(), x.shape());
        NativeOp.run("tanh", NativeOp.of(x), NativeOp.of(output), new int[0]);
        return output;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        NativeOp.run("tanh_bp", NativeOp.of(input, g), NativeOp.of(g), new int[0]); // g · (1 − tanh²(x)), in place
        return g;
    }
}
