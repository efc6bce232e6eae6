package io.gannotebooks.bench.spike;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One of the generator's up-sampling blocks: a 4x4 stride-2 padding-1 transposed convolution without bias
 * (in [B, inChannels, side, side] -> out [B, outChannels, 2 side, 2 side]), batch normalisation over
 * (B, H, W) per channel, ReLU.
 */
public record BlockShape(int batch, int inChannels, int outChannels, int side) {
    public static final int KERNEL = 4;
    public static final int STRIDE = 2;
    public static final int PADDING = 1;
    /** DL4J's BatchNormalization default. */
    public static final double BN_EPSILON = 1e-5;

    public BlockShape {
        if (batch < 1 || inChannels < 1 || outChannels < 1 || side < 1) {
            throw new IllegalArgumentException("block sizes must be positive");
        }
    }

    /** The design note's first transposed convolution: 128 x 8x8 -> 256 x 16x16. */
    public static BlockShape first(int batch) {
        return new BlockShape(batch, 128, 256, 8);
    }

    /** The design note's second one, the largest: 256 x 16x16 -> 128 x 32x32. */
    public static BlockShape second(int batch) {
        return new BlockShape(batch, 256, 128, 16);
    }

    public int outSide() {
        return STRIDE * (side - 1) + KERNEL - 2 * PADDING; // Truncate mode: k4 s2 p1 doubles
    }

    /** Multiply-add FLOPs of the transposed convolution's forward pass: 2 B Cin Cout k² H W. */
    public double forwardFlops() {
        return 2.0 * batch * inChannels * outChannels * KERNEL * KERNEL * side * side;
    }

    /** Forward + backward (input gradient and weight gradient each cost one forward pass). */
    public double stepFlops() {
        return 3 * forwardFlops();
    }

    public String label() {
        return String.format(Locale.ROOT, "%d x %dx%d -> %d x %dx%d, batch %d", inChannels, side, side,
                outChannels, outSide(), outSide(), batch);
    }

    /** Random weights, input and upstream gradient: the same numbers for every implementation. */
    public BlockData randomData(long seed, DataType type) {
        Nd4j.getRandom().setSeed(seed);
        // weights in DL4J's Deconvolution2D layout [inChannels, outChannels, kH, kW], N(0, 0.02) as in DCGAN
        INDArray w = Nd4j.randn(DataType.DOUBLE, inChannels, outChannels, KERNEL, KERNEL).muli(0.02);
        // gamma near 1 and beta near 0 but not exactly, so their gradients are not special cases
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, outChannels).muli(0.5).addi(0.75);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, outChannels).muli(0.1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, batch, inChannels, side, side); // post-ReLU: non-negative
        INDArray upstream = Nd4j.randn(DataType.DOUBLE, batch, outChannels, outSide(), outSide()).muli(1e-3);
        return new BlockData(this, x.castTo(type), w.castTo(type), gamma.castTo(type), beta.castTo(type),
                upstream.castTo(type));
    }

    /**
     * @param input    [B, Cin, H, W]
     * @param weights  [Cin, Cout, 4, 4] (DL4J's layout)
     * @param upstream dL/d(block output) [B, Cout, 2H, 2W], what the next layer sends back
     */
    public record BlockData(BlockShape shape, INDArray input, INDArray weights, INDArray gamma, INDArray beta,
                            INDArray upstream) {
    }
}
