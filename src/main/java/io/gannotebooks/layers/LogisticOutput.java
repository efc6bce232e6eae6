package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator's verdict from its logit s: p = σ(s) = 1 / (1 + e^−s), and the gradient of the binary
 * cross-entropy ℓ = −[y log p + (1 − y) log(1 − p)] against label y, which is simply ∂ℓ/∂s = p − y
 * (exact for every s, where going through p would lose it once p rounds to 0 or 1).
 */
public final class LogisticOutput {
    private INDArray probabilities; // p [B, 1]
    private INDArray gradient;      // ∂ℓ/∂s [B, 1]

    /** p = σ(s) for logits s [B, 1]; the result is this object's buffer, valid until the next call. */
    public INDArray probabilities(INDArray logits) {
        probabilities = NativeOp.buffer(probabilities, logits.dataType(), logits.shape());
        NativeOp.run("sigmoid", NativeOp.of(logits), NativeOp.of(probabilities), new int[0]);
        return probabilities;
    }

    /** ∂ℓ/∂s = p − y for every example, from the latest {@link #probabilities}. */
    public INDArray gradient(double label) {
        gradient = NativeOp.buffer(gradient, probabilities.dataType(), probabilities.shape());
        return gradient.assign(probabilities).subi(label);
    }
}
