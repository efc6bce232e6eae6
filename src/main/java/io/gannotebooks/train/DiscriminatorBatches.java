package io.gannotebooks.train;

/**
 * How D sees real and generated images in its step.
 *
 * <p>SEPARATE is the default: one batch of real images, one of generated ones, gradients added (as in
 * the DCGAN paper's reference code). The reason is BatchNorm: D normalises each batch with its own
 * statistics, and in G's step D necessarily sees a batch of generated images only; training D on pure
 * batches keeps the two steps consistent. MIXED is the design note's reading (real and generated images
 * shuffled into one batch of 2B); to stay consistent, G's step then shows D the same kind of mixed batch
 * and masks the loss of the real rows. (Measured: with mixed batches in D's step but a pure batch in G's
 * step, D separated the mixture perfectly yet called every generated image real in G's step, and G
 * received no useful gradient at all.)
 */
public enum DiscriminatorBatches {
    SEPARATE, MIXED;

    /** "separate" or "mixed", as the command line spells them. */
    public static DiscriminatorBatches parse(String name) {
        for (DiscriminatorBatches mode : values()) {
            if (mode.name().equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--d-batches must be 'separate' or 'mixed', got '" + name + "'");
    }
}
