package io.gannotebooks.bench;

import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.Downsampling;
import io.gannotebooks.model.GeneratorSpec;

/**
 * Multiply-add FLOPs (2 per multiply-accumulate) of the networks' forward passes, from their shapes.
 * BatchNorm, activations and biases are left out: they are a fraction of a percent here.
 *
 * <p>One training iteration costs 3·G + 9·D per image, counting a backward pass as twice its forward
 * pass (gradients for inputs and for weights): G forward (1G); D's step on real and on generated images
 * (2 × 3D); G's step: D forward and backward (3D) and G backward (2G). At batch 64 with the design note's
 * networks that is ≈ 239 GFLOP.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /** Forward FLOPs of G for one image (≈ 620 M for the design note). */
    public static double generator(GeneratorSpec g) {
        double flops = 2.0 * g.latentSize() * g.denseSize();
        int side = g.baseSize();
        int channels = g.baseChannels();
        for (int out : g.upChannels()) {
            // a 4x4 transposed convolution: each input pixel scatters into 16 outputs per channel pair
            flops += 2.0 * side * side * channels * 16 * out;
            side *= 2;
            channels = out;
        }
        return flops + 2.0 * side * side * g.imageChannels() * 9 * channels; // final 3x3 convolution
    }

    /** Forward FLOPs of D for one image (≈ 208 M for the DCGAN discriminator). */
    public static double discriminator(DiscriminatorSpec d) {
        double flops = 0;
        int side = d.imageSize();
        int channels = d.imageChannels();
        boolean pooled = d.downsampling() == Downsampling.POOLED;
        for (int out : d.downChannels()) {
            // 4x4 stride-2 convolution, or 3x3 at the input's side then a 2x2 mean (a quarter FLOP per input value)
            flops += pooled ? 2.0 * side * side * out * 9 * channels + side * side * out
                    : 2.0 * (side / 2) * (side / 2) * out * 16 * channels;
            side /= 2;
            channels = out;
        }
        return flops + 2.0 * side * side * channels; // the sigmoid unit
    }

    /** FLOPs of one training iteration (D step and G step) at batch size {@code batch}. */
    public static double iteration(GeneratorSpec g, DiscriminatorSpec d, int batch) {
        return batch * (3 * generator(g) + 9 * discriminator(d));
    }
}
