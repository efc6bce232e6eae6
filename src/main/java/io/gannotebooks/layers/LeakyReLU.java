package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;

/**
 * a = x for x > 0, αx otherwise (α = 0.2 in DCGAN's discriminator), in place.
 * Backward: ∂L/∂x = ∂L/∂a where a > 0, α ∂L/∂a elsewhere (a and x have the same sign, α > 0): the slope is
 * 1 or α, read from a. libnd4j's {@code lrelu_bp} would also read α in single precision.
 */
public final class LeakyReLU extends InPlaceActivation {
    private final double alpha;
    private INDArray scaled; // αx

    public LeakyReLU(String name, double alpha) {
        super(name);
        if (!(alpha > 0)) {
            throw new IllegalArgumentException(name + ": the slope α must be positive, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    void activateInPlace(INDArray x) {
        // a = max(x, αx) for α ≤ 1 (min for α > 1): two vectorised passes, the same values as libnd4j's scalar
        // LeakyReLU op and about ten times faster (measured on [16, 64, 32, 32] at one thread: 1.0 ms against 11 ms)
        scaled = NativeOp.buffer(scaled, x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new ScalarMultiplication(x, null, scaled, alpha));
        NativeOp.run(alpha <= 1 ? "maximum" : "minimum", NativeOp.of(x, scaled), NativeOp.of(x), new int[0]);
    }

    @Override
    void slopeInPlace(INDArray a) {
        Nd4j.getExecutioner().exec(new LeakyReLUDerivative(a, a, alpha)); // a ← 1 where a > 0, else α
    }
}
