package io.gannotebooks.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution (cross-correlation, as every framework computes it), with an optional bias.
 *
 * <pre>
 *   x [B, Cin, H, W],  W [Cout, Cin, kH, kW],  b [Cout],  y [B, Cout, H', W'],  H' = ⌊(H + 2p − kH)/s⌋ + 1
 *   forward:   y[n, o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[n, c, s·i + u − p, s·j + v − p]
 *   backward, from g = ∂L/∂y:
 *     ∂L/∂W[o, c, u, v] = Σ_{n, i, j} g[n, o, i, j] · x[n, c, s·i + u − p, s·j + v − p]
 *     ∂L/∂b[o]          = Σ_{n, i, j} g[n, o, i, j]
 *     ∂L/∂x             = the transposed convolution of g with the same W (each input pixel collects the
 *                         gradients of every output it fed)
 * </pre>
 * In float32 the forward and backward passes are oneDNN 2.5.2's primitives, made once per shape
 * ({@link OneDnnConvolution}; in {@link Precision#MIXED} reading bfloat16 copies of x, W and g and writing
 * float32); only what is wanted is computed. In double precision (the gradient checks) they are libnd4j's ops:
 * {@code conv2d_bp} computes ∂L/∂x and ∂L/∂W together, and when only ∂L/∂x is wanted it is one {@code deconv2d}
 * with the same weights. The tangent pass and the backward pass after it stay libnd4j's float32 in either precision:
 * R1's parameter gradient is a difference of such passes, and the penalty it controls is small.
 */
public final class Convolution implements Layer {
    private final String name;
    private final Parameter weights; // W [Cout, Cin, kH, kW]
    private final Parameter bias;    // b [Cout], or null
    private final Geometry geometry;
    private INDArray input;
    private INDArray output;
    private INDArray inputGradient;
    private INDArray tangentOutput;  // dy = W ⋆ dx; the forward output stays (an activation kept its slope there)
    private boolean linearised;      // a tangent pass ran since the latest forward: backward at input dx, no bias
    private INDArray unusedWeightGradient; // conv2d_bp's ∂L/∂W when only ∂L/∂x is wanted and deconv2d cannot give it
    private INDArray unusedBiasGradient;
    private Precision precision = Precision.FP32;
    private OneDnnConvolution oneDnn; // float32's primitives in this precision, made on the first float32 pass

    /** @param bias null for a convolution without bias (one followed by batch normalisation) */
    public Convolution(String name, Parameter weights, Parameter bias, Geometry geometry) {
        geometry.requireKernel(name, weights.value(), "[Cout, Cin, kH, kW]");
        this.name = name;
        this.weights = weights;
        this.bias = bias;
        this.geometry = geometry;
    }

    @Override
    public String name() {
        return name;
    }

    /** Switches the arithmetic of the next passes (the caller checks that the CPU has what MIXED needs). */
    public void precision(Precision p) {
        if (oneDnn != null && p != precision) {
            oneDnn.release(); // its copies and primitives are of no more use
            oneDnn = null;
        }
        precision = p;
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        INDArray w = weights.value();
        output = NativeOp.buffer(output, w.dataType(), x.size(0), w.size(0), geometry.convolvedHeight(x.size(2)),
                geometry.convolvedWidth(x.size(3)));
        linearised = false;
        if (x.dataType() == DataType.FLOAT) {
            if (oneDnn == null) {
                oneDnn = new OneDnnConvolution(false, geometry, bias != null, precision);
            }
            oneDnn.forward(x, w, bias == null ? null : bias.value(), output);
            return output;
        }
        INDArray[] in = bias == null ? NativeOp.of(x, w) : NativeOp.of(x, w, bias.value());
        NativeOp.run("conv2d", in, NativeOp.of(output), geometry.opArguments());
        return output;
    }

    /** dy = W ⋆ dx, the convolution without its bias. */
    @Override
    public INDArray tangent(INDArray direction) {
        input = direction;
        INDArray w = weights.value();
        tangentOutput = NativeOp.buffer(tangentOutput, w.dataType(), direction.size(0), w.size(0),
                geometry.convolvedHeight(direction.size(2)), geometry.convolvedWidth(direction.size(3)));
        NativeOp.run("conv2d", NativeOp.of(direction, w), NativeOp.of(tangentOutput), geometry.opArguments());
        linearised = true;
        return tangentOutput;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        if (!parameterGradients && !wantInputGradient) {
            return null;
        }
        if (input.dataType() == DataType.FLOAT && !linearised) {
            INDArray dx = wantInputGradient
                    ? inputGradient = NativeOp.buffer(inputGradient, g.dataType(), input.shape()) : null;
            oneDnn.backward(g, dx, parameterGradients ? weights.gradient() : null,
                    parameterGradients && bias != null ? bias.gradient() : null);
            return dx;
        }
        inputGradient = NativeOp.buffer(inputGradient, g.dataType(), input.shape());
        INDArray w = weights.value();
        if (parameterGradients) {
            // both gradients in one op: ∂L/∂x (wanted or not, the op writes it) and ∂L/∂W, ∂L/∂b
            bothGradients(g, weights.gradient(), bias == null ? null : bias.gradient());
            if (linearised && bias != null) {
                bias.gradient().assign(0); // dy does not depend on b
            }
        } else if (geometry.transposedHeight(g.size(2)) == input.size(2)
                && geometry.transposedWidth(g.size(3)) == input.size(3)) {
            // ∂L/∂x alone: the transposed convolution of g; W [Cout, Cin, k, k] is deconv2d's [in, out, k, k]
            NativeOp.run("deconv2d", NativeOp.of(g, w), NativeOp.of(inputGradient), geometry.opArguments());
        } else {
            // a window that does not tile the input exactly: the transposed convolution would miss the border,
            // so conv2d_bp, its weight gradients written into arrays of this layer's own
            unusedWeightGradient = NativeOp.buffer(unusedWeightGradient, w.dataType(), w.shape());
            unusedBiasGradient = bias == null ? null : NativeOp.buffer(unusedBiasGradient, w.dataType(), w.size(0));
            bothGradients(g, unusedWeightGradient, unusedBiasGradient);
        }
        return wantInputGradient ? inputGradient : null;
    }

    /** conv2d_bp: ∂L/∂x into this layer's buffer, ∂L/∂W and ∂L/∂b (when there is a bias) into the arrays given. */
    private void bothGradients(INDArray g, INDArray weightGradient, INDArray biasGradient) {
        INDArray w = weights.value();
        INDArray[] in = bias == null ? NativeOp.of(input, w, g) : NativeOp.of(input, w, bias.value(), g);
        INDArray[] out = bias == null ? NativeOp.of(inputGradient, weightGradient)
                : NativeOp.of(inputGradient, weightGradient, biasGradient);
        NativeOp.run("conv2d_bp", in, out, geometry.opArguments());
    }
}
