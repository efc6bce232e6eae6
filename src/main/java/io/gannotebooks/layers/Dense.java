package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer, y = x W + b.
 *
 * <pre>
 *   x [B, nIn],  W [nIn, nOut],  b [nOut],  y [B, nOut]
 *   forward:   y = x W + b
 *   backward, from g = ∂L/∂y [B, nOut]:
 *     ∂L/∂W = xᵀ g   [nIn, nOut]   (each weight sums its contributions over the batch)
 *     ∂L/∂b = Σ_i g_i  [nOut]
 *     ∂L/∂x = g Wᵀ   [B, nIn]
 * </pre>
 */
public final class Dense implements Layer {
    private final String name;
    private final Parameter weights; // W [nIn, nOut]
    private final Parameter bias;    // b [nOut]
    private INDArray input;          // x of the latest forward pass
    private INDArray output;         // y [B, nOut]
    private INDArray inputGradient;  // ∂L/∂x [B, nIn]
    private INDArray tangentOutput;  // dy = dx W [B, nOut]
    private boolean linearised;      // a tangent pass ran since the latest forward: backward at input dx, no bias

    public Dense(String name, Parameter weights, Parameter bias) {
        if (weights.value().rank() != 2 || bias.value().length() != weights.value().size(1)) {
            throw new IllegalArgumentException(name + ": W must be [nIn, nOut] and b [nOut]");
        }
        this.name = name;
        this.weights = weights;
        this.bias = bias;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        INDArray w = weights.value();
        output = NativeOp.buffer(output, w.dataType(), x.size(0), w.size(1));
        Nd4j.gemm(x, w, output, false, false, 1, 0);                                // y = x W
        Nd4j.getExecutioner().exec(new BroadcastAddOp(output, bias.value(), output, 1)); // y += b, on every row
        linearised = false;
        return output;
    }

    /** dy = dx W: the bias does not change the derivative. */
    @Override
    public INDArray tangent(INDArray direction) {
        input = direction;
        INDArray w = weights.value();
        tangentOutput = NativeOp.buffer(tangentOutput, w.dataType(), direction.size(0), w.size(1));
        Nd4j.gemm(direction, w, tangentOutput, false, false, 1, 0);
        linearised = true;
        return tangentOutput;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        if (parameterGradients) {
            Nd4j.gemm(input, g, weights.gradient(), true, false, 1, 0); // ∂L/∂W = xᵀ g
            if (linearised) {
                bias.gradient().assign(0);                              // dy does not depend on b
            } else {
                g.sum(bias.gradient(), 0);                              // ∂L/∂b = Σ over the batch
            }
        }
        if (!wantInputGradient) {
            return null;
        }
        inputGradient = NativeOp.buffer(inputGradient, g.dataType(), input.shape());
        Nd4j.gemm(g, weights.value(), inputGradient, false, true, 1, 0); // ∂L/∂x = g Wᵀ
        return inputGradient;
    }
}
