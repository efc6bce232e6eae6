package io.gannotebooks.model;

import java.util.List;

/**
 * The discriminator's shape: a stack of blocks, each halving the side (DCGAN's stride-2 convolutions, or
 * {@linkplain Downsampling#POOLED a convolution and a 2x2 mean}), then one sigmoid unit. {@link #dcgan()} is
 * 64x64x3 -> 32x32x64 -> 16x16x128 -> 8x8x256 -> 4x4x512 -> P(real).
 *
 * @param imageSize     side of the square input image
 * @param imageChannels channels of the input image
 * @param downChannels  output channels of each block
 * @param batchNorm     BatchNorm after every convolution but the first (DCGAN), or none: then D's verdict on
 *                      an image never depends on the other images of its batch
 * @param spectralNorm  which weight matrices are kept at spectral norm 1 ({@link SpectralProjection}); only
 *                      without batch norm (Miyato et al. replace it)
 * @param downsampling  how each block halves the side
 */
public record DiscriminatorSpec(int imageSize, int imageChannels, List<Integer> downChannels, boolean batchNorm,
                                SpectralNorm spectralNorm, Downsampling downsampling) {

    /** DCGAN's D with BatchNorm. */
    public DiscriminatorSpec(int imageSize, int imageChannels, List<Integer> downChannels) {
        this(imageSize, imageChannels, downChannels, true);
    }

    /** D with or without BatchNorm, without spectral normalisation. */
    public DiscriminatorSpec(int imageSize, int imageChannels, List<Integer> downChannels, boolean batchNorm) {
        this(imageSize, imageChannels, downChannels, batchNorm, SpectralNorm.OFF);
    }

    /** D with DCGAN's strided blocks. */
    public DiscriminatorSpec(int imageSize, int imageChannels, List<Integer> downChannels, boolean batchNorm,
                             SpectralNorm spectralNorm) {
        this(imageSize, imageChannels, downChannels, batchNorm, spectralNorm, Downsampling.STRIDED);
    }

    public DiscriminatorSpec {
        if (imageSize < 1 || imageChannels < 1 || downChannels.isEmpty()) {
            throw new IllegalArgumentException("discriminator sizes must be positive");
        }
        if (imageSize % (1 << downChannels.size()) != 0) {
            throw new IllegalArgumentException("image size " + imageSize + " is not divisible by 2^"
                    + downChannels.size());
        }
        java.util.Objects.requireNonNull(spectralNorm, "spectralNorm (SpectralNorm.OFF for none)");
        java.util.Objects.requireNonNull(downsampling, "downsampling");
        if (batchNorm && spectralNorm != SpectralNorm.OFF) {
            throw new IllegalArgumentException("spectral normalisation replaces D's batch norm: not both");
        }
        downChannels = List.copyOf(downChannels);
    }

    public static DiscriminatorSpec dcgan() {
        return new DiscriminatorSpec(64, 3, List.of(64, 128, 256, 512));
    }

    /** The discriminator that reads what {@code g} draws, with the same number of stages. */
    public static DiscriminatorSpec matching(GeneratorSpec g, List<Integer> downChannels) {
        return new DiscriminatorSpec(g.imageSize(), g.imageChannels(), downChannels);
    }

    public DiscriminatorSpec withDownChannels(List<Integer> channels) {
        return new DiscriminatorSpec(imageSize, imageChannels, channels, batchNorm, spectralNorm, downsampling);
    }

    /** With batch norm on (and spectral normalisation off), or off. */
    public DiscriminatorSpec withBatchNorm(boolean on) {
        return new DiscriminatorSpec(imageSize, imageChannels, downChannels, on, on ? SpectralNorm.OFF : spectralNorm,
                downsampling);
    }

    /** With spectral normalisation of {@code which} weights (batch norm then off), or {@link SpectralNorm#OFF}. */
    public DiscriminatorSpec withSpectralNorm(SpectralNorm which) {
        boolean on = which != SpectralNorm.OFF;
        return new DiscriminatorSpec(imageSize, imageChannels, downChannels, batchNorm && !on, which, downsampling);
    }

    /** With each block halving the side as {@code how} says. */
    public DiscriminatorSpec withDownsampling(Downsampling how) {
        return new DiscriminatorSpec(imageSize, imageChannels, downChannels, batchNorm, spectralNorm, how);
    }

    /** Whether any weight is spectrally normalised. */
    public boolean spectral() {
        return spectralNorm != SpectralNorm.OFF;
    }
}
