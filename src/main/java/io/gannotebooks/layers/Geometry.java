package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sliding window of a (transposed) convolution: kernel kH x kW, stride, zero padding; no dilation.
 * Sides follow DL4J's "Truncate" mode: a convolution maps a side n to ⌊(n + 2p − k) / s⌋ + 1, a transposed
 * convolution maps n to s (n − 1) + k − 2p, so k4 s2 p1 halves (convolution) or doubles (transposed).
 */
public record Geometry(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padHeight,
                       int padWidth) {
    public Geometry {
        if (kernelHeight < 1 || kernelWidth < 1 || strideHeight < 1 || strideWidth < 1 || padHeight < 0
                || padWidth < 0) {
            throw new IllegalArgumentException("kernel and stride must be positive and padding non-negative");
        }
    }

    /** Refuses weights that are not rank 4 with this window's kernel in their last two axes ({@code layout} names them). */
    void requireKernel(String layer, INDArray weights, String layout) {
        if (weights.rank() != 4 || weights.size(2) != kernelHeight || weights.size(3) != kernelWidth) {
            throw new IllegalArgumentException(layer + ": W must be " + layout + " with the geometry's kernel");
        }
    }

    long convolvedHeight(long h) {
        return (h + 2L * padHeight - kernelHeight) / strideHeight + 1;
    }

    long convolvedWidth(long w) {
        return (w + 2L * padWidth - kernelWidth) / strideWidth + 1;
    }

    long transposedHeight(long h) {
        return strideHeight * (h - 1) + kernelHeight - 2L * padHeight;
    }

    long transposedWidth(long w) {
        return strideWidth * (w - 1) + kernelWidth - 2L * padWidth;
    }

    /**
     * libnd4j's integer arguments of conv2d, deconv2d and their _bp ops: kernel, stride, padding, dilation 1,
     * explicit padding (0), NCHW (0), and weight format 1 — [out, in, kH, kW] for conv2d and
     * [in, out, kH, kW] for deconv2d, which are DL4J's layouts.
     */
    int[] opArguments() {
        return new int[]{kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, 1, 1, 0, 0, 1};
    }
}
