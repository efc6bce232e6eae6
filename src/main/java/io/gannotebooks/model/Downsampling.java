package io.gannotebooks.model;

/**
 * How each of D's blocks halves the side of its map.
 *
 * <p>{@link #STRIDED} is DCGAN's: one 4x4 convolution of stride 2. {@link #POOLED} convolves at the full side
 * (3x3, stride 1) and then takes the mean of each 2x2 block, as StyleGAN's discriminators downsample (they
 * blur before they drop pixels): the first block then reads every pixel's neighbourhood at full resolution,
 * and the image gradient G learns from is spread evenly over each block instead of through a strided
 * convolution's transposed pass. About twice D's arithmetic for the same channels.
 */
public enum Downsampling {
    STRIDED("strided"), POOLED("pooled");

    private final String key;

    Downsampling(String key) {
        this.key = key;
    }

    /** How a run definition and the command line name it. */
    public String key() {
        return key;
    }

    /** The value {@link #key()} names. */
    public static Downsampling ofKey(String key) {
        for (Downsampling d : values()) {
            if (d.key.equals(key.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("discriminator.downsampling must be strided or pooled, not '" + key + "'");
    }
}
