package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * a = x for x > 0, αx otherwise (α = 0.2 in DCGAN's discriminator), in place.
 * Backward: ∂L/∂x = ∂L/∂a where a > 0, α ∂L/∂a elsewhere (a and x have the same sign, α > 0).
 */
public final class LeakyReLU implements Layer {
    private final String name;
    private final double alpha;
    private INDArray output;

    public LeakyReLU(String name, double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException(name + ": the slope α must be positive, got " + alpha);
        }
        this.name = name;
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray forward(INDArray x) {
        // the scalar op, as DL4J's activation: the custom op "lrelu" reads α in single precision even on doubles
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU(x, x, alpha));
        output = x;
        return x;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        // DL4J's op for this gradient (it too reads α in single precision: 0.2 becomes 0.2000000030)
        NativeOp.run("lrelu_bp", NativeOp.of(output, g), NativeOp.of(g), new int[0], alpha);
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
