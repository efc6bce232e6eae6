package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * a = x for x > 0, αx otherwise (α = 0.2 in DCGAN's discriminator), in place.
 * Backward: ∂L/∂x = ∂L/∂a where a > 0, α ∂L/∂a elsewhere (a and x have the same sign, α > 0).
 *
 * <p>As {@link ReLU}, the backward pass turns a into the slope (1 or α) in place and multiplies: two plain
 * passes, 3 times faster than libnd4j's {@code lrelu_bp}, which also reads α in single precision.
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
        Nd4j.getExecutioner().exec(new LeakyReLUDerivative(output, output, alpha)); // a ← 1 where a > 0, else α
        return g.muli(output);
    }

    @Override
    public boolean overwritesInput() {
        return true;
    }

    @Override
    public boolean overwritesOutputInBackward() {
        return true;
    }

    @Override
    public boolean readsOutputInBackward() {
        return true;
    }
}
