package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

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
 */
public final class Deconvolution implements Layer {
    private final String name;
    private final Parameter weights; // W [Cin, Cout, kH, kW]
    private final Geometry geometry;
    private INDArray input;
    private INDArray output;
    private INDArray inputGradient;

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

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        INDArray w = weights.value();
        output = NativeOp.buffer(output, w.dataType(), x.size(0), w.size(1), geometry.transposedHeight(x.size(2)),
                geometry.transposedWidth(x.size(3)));
        NativeOp.run("deconv2d", NativeOp.of(x, w), NativeOp.of(output), geometry.opArguments());
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
            // ∂L/∂x and ∂L/∂W in one op (it writes ∂L/∂x whether wanted or not)
            NativeOp.run("deconv2d_bp", NativeOp.of(input, w, g), NativeOp.of(inputGradient, weights.gradient()),
                    geometry.opArguments());
        } else {
            // ∂L/∂x alone: a convolution of g; W [Cin, Cout, k, k] is conv2d's [out, in, k, k]
            NativeOp.run("conv2d", NativeOp.of(g, w), NativeOp.of(inputGradient), geometry.opArguments());
        }
        return wantInputGradient ? inputGradient : null;
    }
}
