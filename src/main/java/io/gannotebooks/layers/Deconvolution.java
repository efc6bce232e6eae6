package io.gannotebooks.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A transposed convolution ("deconvolution"), without bias: the generator's up-sampling step.
 *
 * <pre>
 *   x [B, Cin, H, W],  W [Cin, Cout, kH, kW],  y [B, Cout, H', W'],  H' = s (H − 1) + kH − 2p
 *   forward:   every input pixel adds its weighted kernel into the output, s pixels apart:
 *              y[n, o, s·i + u − p, s·j + v − p] += Σ_c x[n, c, i, j] · W[c, o, u, v]
 *   backward, from g = ∂L/∂y:
 *     ∂L/∂W[c, o, u, v] = Σ_{n, i, j} x[n, c, i, j] · g[n, o, s·i + u − p, s·j + v − p]
 *     ∂L/∂x             = the ordinary convolution of g with the same W, stride s
 * </pre>
 * k4 s2 p1 doubles the side (8 → 16 → 32 → 64 in the design note's generator).
 *
 * <p>In {@link Precision#MIXED} the forward pass is {@code deconv2d_tf} (oneDNN's convolution backward-data,
 * which is the transposed convolution: y is the input gradient of the convolution x = conv(y, W), whose
 * weights in TensorFlow's layout [kH, kW, Cout, Cin] are W transposed) and the backward pass
 * {@code deconv2d_bp}, each reading bfloat16 copies kept in this layer's buffers and writing float32.
 */
public final class Deconvolution implements Layer {
    private final String name;
    private final Parameter weights; // W [Cin, Cout, kH, kW]
    private final Geometry geometry;
    private INDArray input;
    private INDArray output;
    private INDArray inputGradient;
    private Precision precision = Precision.FP32;
    // the bfloat16 copies MIXED reads: x, W in deconv2d_tf's [kH, kW, Cout, Cin], g, W as it is; y's shape as a vector
    private INDArray halfInput;
    private INDArray halfWeightsTf;
    private INDArray halfGradient;
    private INDArray halfWeights;
    private INDArray outputShape;

    public Deconvolution(String name, Parameter weights, Geometry geometry) {
        geometry.requireKernel(name, weights.value(), "[Cin, Cout, kH, kW]");
        this.name = name;
        this.weights = weights;
        this.geometry = geometry;
    }

    @Override
    public String name() {
        return name;
    }

    /** Switches the arithmetic of the next passes (the caller checks that the CPU has what MIXED needs). */
    public void precision(Precision p) {
        precision = p;
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        INDArray w = weights.value();
        output = NativeOp.buffer(output, w.dataType(), x.size(0), w.size(1), geometry.transposedHeight(x.size(2)),
                geometry.transposedWidth(x.size(3)));
        if (precision == Precision.FP32) {
            NativeOp.run("deconv2d", NativeOp.of(x, w), NativeOp.of(output), geometry.opArguments());
            return output;
        }
        halfInput = NativeOp.half(halfInput, x);
        halfWeightsTf = NativeOp.half(halfWeightsTf, w.permute(2, 3, 1, 0));
        if (outputShape == null || !Arrays.equals(outputShape.toLongVector(), output.shape())) {
            outputShape = Nd4j.createFromArray(output.shape());
        }
        NativeOp.run("deconv2d_tf", NativeOp.of(outputShape, halfWeightsTf, halfInput), NativeOp.of(output),
                geometry.transposedAsGradientArguments());
        return output;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        if (!parameterGradients && !wantInputGradient) {
            return null;
        }
        inputGradient = NativeOp.buffer(inputGradient, g.dataType(), input.shape());
        INDArray w = weights.value();
        if (parameterGradients) {
            // ∂L/∂x and ∂L/∂W in one op (it writes ∂L/∂x whether wanted or not); float32 out in either precision
            INDArray[] in = NativeOp.of(input, w, g);
            if (precision == Precision.MIXED) {
                halfWeights = NativeOp.half(halfWeights, w);
                halfGradient = NativeOp.half(halfGradient, g);
                in = NativeOp.of(halfInput, halfWeights, halfGradient);
            }
            NativeOp.run("deconv2d_bp", in, NativeOp.of(inputGradient, weights.gradient()), geometry.opArguments());
        } else {
            // ∂L/∂x alone, in FP32 either way (M2.1's conv2d has no bfloat16 kernel on oneDNN): a convolution
            // of g; W [Cin, Cout, k, k] is conv2d's [out, in, k, k]
            NativeOp.run("conv2d", NativeOp.of(g, w), NativeOp.of(inputGradient), geometry.opArguments());
        }
        return wantInputGradient ? inputGradient : null;
    }
}
