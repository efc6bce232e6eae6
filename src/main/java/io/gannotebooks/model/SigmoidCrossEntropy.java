package io.gannotebooks.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy of a sigmoid unit, computed from its logit z rather than from p = σ(z):
 * loss = max(z, 0) − y z + log(1 + e^−|z|), gradient ∂loss/∂z = σ(z) − y, exact for every z.
 *
 * <p>Why not DL4J's {@code LossBinaryXENT}: it clips p to [1e-5, 1 − 1e-5] before differentiating, so
 * once D calls a generated image fake with p &lt; 1e-5 (logit below −11.5) G's gradient shrinks by the
 * factor p / 1e-5: −0.03 instead of −1 at z = −15, −0.0002 at z = −20. That is exactly when the
 * non-saturating loss log D(G(z)) is meant to push hardest, and measured here it happened in many
 * iterations (mean loss_g ≈ 10–11), stalling G until D drifted.
 */
public final class SigmoidCrossEntropy implements ILossFunction {

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        requireSigmoid(activation);
        INDArray z = preOutput; // the logit
        INDArray loss = Transforms.relu(z, true).subi(z.mul(labels.castTo(z.dataType())))
                .addi(Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1), false));
        if (mask != null) {
            LossUtil.applyMask(loss, mask);
        }
        return loss.sum(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activation, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        requireSigmoid(activation);
        INDArray gradient = Transforms.sigmoid(preOutput, true).subi(labels.castTo(preOutput.dataType()));
        if (mask != null) {
            LossUtil.applyMask(gradient, mask);
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activation,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activation, mask, average),
                computeGradient(labels, preOutput, activation, mask));
    }

    private static void requireSigmoid(IActivation activation) {
        if (!(activation instanceof ActivationSigmoid)) {
            throw new IllegalStateException("SigmoidCrossEntropy differentiates through a sigmoid output, not "
                    + activation);
        }
    }

    @Override
    public String name() {
        return "sigmoid_cross_entropy";
    }

    @Override
    public String toString() {
        return "SigmoidCrossEntropy()";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigmoidCrossEntropy; // no state: every instance is the same loss
    }

    @Override
    public int hashCode() {
        return SigmoidCrossEntropy.class.hashCode();
    }
}
