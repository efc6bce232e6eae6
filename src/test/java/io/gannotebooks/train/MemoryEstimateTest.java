package io.gannotebooks.train;

import io.gannotebooks.backend.MemoryLimit;
import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.GeneratorSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory a batch needs, worked out before anything is allocated: pure arithmetic, no gigabytes. */
class MemoryEstimateTest {
    private static final GeneratorSpec G = GeneratorSpec.designNote();
    private static final DiscriminatorSpec D = DiscriminatorSpec.dcgan();
    private static final long GIB = 1L << 30;

    @Test
    void countsEveryLayerOutputOfBothNetworks() {
        // G: dense 8x8x128, then (deconvolution, BatchNorm, ReLU) at 16x16x256, 32x32x128, 64x64x64, RGB 64x64x3
        assertEquals(8 * 8 * 128 + 3L * (16 * 16 * 256 + 32 * 32 * 128 + 64 * 64 * 64) + 64 * 64 * 3,
                MemoryEstimate.floatsPerImage(G));
        // D: the image, 32x32x64 (LeakyReLU inside), (convolution, BatchNorm, LeakyReLU) at 16x16x128,
        // 8x8x256, 4x4x512, and P(real)
        assertEquals(64 * 64 * 3 + 32 * 32 * 64 + 3L * (16 * 16 * 128 + 8 * 8 * 256 + 4 * 4 * 512) + 1,
                MemoryEstimate.floatsPerImage(D));
    }

    /** The resident peaks the constants were fitted to (see MemoryEstimate's comment), within 10 %. */
    @Test
    void matchesThePeaksMeasuredAtBatch16And64() {
        assertEquals(MEASURED_16, MemoryEstimate.bytes(G, D, 16), 0.10 * MEASURED_16);
        assertEquals(MEASURED_64, MemoryEstimate.bytes(G, D, 64), 0.10 * MEASURED_64);
    }

    /** Maximum resident set size reported by /usr/bin/time -v (650 676 and 1 586 432 KiB). */
    static final double MEASURED_16 = 666.3e6;
    static final double MEASURED_64 = 1624.5e6;

    @Test
    void aBatchThatFitsIsNotRefused() {
        assertTrue(MemoryEstimate.refusal(TrainingConfig.dcgan(1, 10, 64), 4 * GIB).isEmpty());
    }

    @Test
    void anOversizedBatchIsRefusedInOneLineThatNamesABatchThatFitsAndTheOptionThatRaisesTheLimit() {
        long limit = 4 * GIB;
        String line = MemoryEstimate.refusal(TrainingConfig.dcgan(1, 10, 512), limit).orElseThrow();
        assertTrue(line.startsWith("batch 512 needs about "), line);
        assertTrue(line.contains("more than the 4.3 GB this process may use"), line);
        assertTrue(line.contains("GAN_JAVA_OPTS") && line.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes="), line);
        assertTrue(!line.contains("\n"), line);
        Matcher fits = Pattern.compile("use --batch (\\d+) or less").matcher(line);
        assertTrue(fits.find(), line);
        int batch = Integer.parseInt(fits.group(1));
        assertTrue(MemoryEstimate.bytes(G, D, batch) <= limit, "the named batch fits");
        assertTrue(MemoryEstimate.bytes(G, D, batch + 1) > limit, "and is the largest that does");
        assertTrue(MemoryEstimate.refusal(TrainingConfig.dcgan(1, 10, batch), limit).isEmpty());
    }

    @Test
    void inAContainerTheRefusalNamesTheContainersLimit() {
        long limit = 1_500_000_000L; // what ./gan gives a JVM in a 2 GB container
        String line = MemoryEstimate.refusal(TrainingConfig.dcgan(1, 10, 128), limit,
                Optional.of(new MemoryLimit(2_000_000_000L, true))).orElseThrow();
        assertTrue(line.startsWith("batch 128 needs about 2.9 GB of memory, more than the 1.5 GB this process may use "
                + "(this container allows 2.0 GB); use --batch "), line);
        assertTrue(MemoryEstimate.refusal(TrainingConfig.dcgan(1, 10, 64), limit,
                Optional.of(new MemoryLimit(2_000_000_000L, true))).isPresent(), "batch 64 needs 1.6 GB");
        assertTrue(MemoryEstimate.refusal(TrainingConfig.dcgan(1, 10, 16), limit,
                Optional.of(new MemoryLimit(2_000_000_000L, true))).isEmpty(), "the quick profile's batch fits");
    }

    @Test
    void aLimitBelowOneImageSaysNoBatchFits() {
        String line = MemoryEstimate.refusal(TrainingConfig.dcgan(1, 10, 8), 100L << 20).orElseThrow();
        assertTrue(line.contains("no batch fits"), line);
        assertEquals(0, MemoryEstimate.largestBatch(G, D, 100L << 20));
    }
}
