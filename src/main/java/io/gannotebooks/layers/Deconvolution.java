package io.gannotebooks.layers;

import org.nd4j.linalg.api.buffer.DataType;
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
 * <p>In float32 all three passes (y, ∂L/∂x, ∂L/∂W) are oneDNN 2.5.2's primitives, made once per shape
 * ({@link OneDnnConvolution}; in {@link Precision#MIXED} reading bfloat16 copies of x, W and g and writing
 * float32). In double precision (the gradient checks) they are libnd4j's {@code deconv2d}, {@code deconv2d_bp}
 * and, for ∂L/∂x alone, {@code conv2d}.
 */
public final class Deconvolution implements Layer {
    private final String name;
    private final Parameter weights; // W [Cin, Cout, kH, kW]
    private final Geometry geometry;
    private INDArray input;
    private INDArray output;
    private INDArray inputGradient;
    private Precision precision = Precision.FP32;
    private OneDnnConvolution oneDnn; // float32's primitives in this precision, made on the first float32 pass

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
        output = NativeOp.buffer(output, w.dataType(), x.size(0), w.size(1), geometry.transposedHeight(x.size(2)),
                geometry.transposedWidth(x.size(3)));
        if (x.dataType() != DataType.FLOAT) {
            NativeOp.run("deconv2d", NativeOp.of(x, w), NativeOp.of(output), geometry.opArguments());
            return output;
        }
        if (oneDnn == null) {
            oneDnn = new OneDnnConvolution(true, geometry, false, precision);
        }
        oneDnn.forward(x, w, null, output);
        return output;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        if (!parameterGradients && !wantInputGradient) {
            return null;
        }
        if (input.dataType() == DataType.FLOAT) {
            INDArray dx = wantInputGradient
                    ? inputGradient = NativeOp.buffer(inputGradient, g.dataType(), input.shape()) : null;
            oneDnn.backward(g, dx, parameterGradients ? weights.gradient() : null, null);
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
