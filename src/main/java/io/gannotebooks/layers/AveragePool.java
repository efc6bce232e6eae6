package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mean of each 2 x 2 block: [B, C, H, W] to [B, C, H/2, W/2], no parameters.
 *
 * <pre>
 *   forward:   y[n, c, i, j] = ¼ Σ_{u, v ∈ {0, 1}} x[n, c, 2i + u, 2j + v]
 *   backward:  ∂L/∂x[n, c, 2i + u, 2j + v] = ¼ ∂L/∂y[n, c, i, j]
 * </pre>
 * Why D may downsample this way instead of with a stride-2 convolution: the gradient that reaches the image
 * (G's only signal) is then spread evenly over each block, where a strided convolution's transposed pass
 * weights the four pixels of a block differently, a pattern of period 2 (Odena, Dumoulin and Olah, "Deconvolution
 * and checkerboard artifacts", 2016, note it in gradients too). Linear, so its tangent pass is its forward pass.
 */
public final class AveragePool implements Layer {
    // libnd4j's avgpool2d arguments: kernel 2x2, stride 2, no padding, dilation 1, explicit padding, divisor
    // counting the padding (none here), NCHW
    private static final int[] ARGUMENTS = {2, 2, 2, 2, 0, 0, 1, 1, 0, 1, 0};
    private final String name;
    private INDArray input;
    private INDArray output;
    private INDArray tangentOutput;
    private INDArray inputGradient;

    public AveragePool(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        output = pool(x, output);
        return output;
    }

    @Override
    public INDArray tangent(INDArray direction) {
        input = direction; // the same shape: backward reads only that
        tangentOutput = pool(direction, tangentOutput);
        return tangentOutput;
    }

    private INDArray pool(INDArray x, INDArray buffer) {
        if (x.rank() != 4 || x.size(2) % 2 != 0 || x.size(3) % 2 != 0) {
            throw new IllegalArgumentException(name + ": needs [B, C, H, W] with even sides, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        INDArray y = NativeOp.buffer(buffer, x.dataType(), x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2);
        NativeOp.run("avgpool2d", NativeOp.of(x), NativeOp.of(y), ARGUMENTS);
        return y;
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        if (!wantInputGradient) {
            return null;
        }
        inputGradient = NativeOp.buffer(inputGradient, g.dataType(), input.shape());
        NativeOp.run("avgpool2d_bp", NativeOp.of(input, g), NativeOp.of(inputGradient), ARGUMENTS);
        return inputGradient;
    }
}
