package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * a = x for x > 0, αx otherwise (α = 0.2 in DCGAN's discriminator), in place.
 * Backward: ∂L/∂x = ∂L/∂a where a > 0, α ∂L/∂a elsewhere (a and x have the same sign, α > 0): the slope is
 * 1 or α, read from a. libnd4j's {@code lrelu_bp} would also read α in single precision.
 */
public final class LeakyReLU extends InPlaceActivation {
    private final double alpha;

    public LeakyReLU(String name, double alpha) {
        super(name);
        if (!(alpha > 0)) {
            throw new IllegalArgumentException(name + ": the slope α must be positive, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    void activateInPlace(INDArray x) {
        // the scalar op, as DL4J's activation: the custom op "lrelu" reads α in single precision even on doubles
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU(x, x, alpha));
    }

    @Override
    void slopeInPlace(INDArray a) {
        Nd4j.getExecutioner().exec(new LeakyReLUDerivative(a, a, alpha)); // a ← 1 where a > 0, else α
    }
}
