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
 *
 * <p>In {@link Precision#MIXED} all three passes (y, ∂L/∂x, ∂L/∂W) are oneDNN 2.5.2's bfloat16 primitives,
 * reading bfloat16 copies of x, W and g and writing float32 ({@link OneDnnConvolution}).
 */
public final class Deconvolution implements Layer {
    private final String name;
    private final Parameter weights; // W [Cin, Cout, kH, kW]
    private final Geometry geometry;
    private INDArray input;
    private INDArray output;
    private INDArray inputGradient;
    private Precision precision = Precision.FP32;
    private OneDnnConvolution bfloat16; // MIXED's primitives, made on the first mixed pass

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
        if (p == Precision.FP32 && bfloat16 != null) {
            bfloat16.release(); // its bfloat16 copies and primitives are of no more use
            bfloat16 = null;
        }
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
        if (bfloat16 == null) {
            bfloat16 = new OneDnnConvolution(true, geometry, false);
        }
        bfloat16.forward(x, w, null, output);
        return output;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        if (!parameterGradients && !wantInputGradient) {
            return null;
        }
        if (precision == Precision.MIXED) {
            INDArray dx = wantInputGradient
                    ? inputGradient = NativeOp.buffer(inputGradient, g.dataType(), input.shape()) : null;
            bfloat16.backward(g, dx, parameterGradients ? weights.gradient() : null, null);
            return dx;
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
