package io.gannotebooks.train;

import io.gannotebooks.backend.MemoryLimit;
import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.Downsampling;
import io.gannotebooks.model.GeneratorSpec;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;

/**
 * How much memory a training batch needs, worked out from the networks' shapes before anything is
 * allocated, and whether this process may use that much. Without it an oversized batch fails after tens of
 * seconds with DL4J's "Error during neural network forward pass" or an OutOfMemoryError deep in JavaCPP.
 *
 * <p>The arithmetic: every layer keeps its output (float32) for the backward pass, and the backward pass
 * makes an error array of the same size. G's layers hold {@link #floatsPerImage(GeneratorSpec)} values
 * per image, D's {@link #floatsPerImage(DiscriminatorSpec)}, and D sees 2B images per step (B real and B
 * generated, in separate batches), so a batch of B needs 2 x 4 bytes x B x (G + 2D) for activations and
 * errors: 15.2 MB per image for the design note's networks.
 *
 * <p>Calibration: peak resident memory of {@code /usr/bin/time -v ./gan bench --batch B --iterations 3
 * --warmup 1} (2-core AMD EPYC Zen 3 VM, AVX2, the launcher's -Xmx1g) was 666 MB at batch 16 and 1625 MB
 * at batch 64: 20.0 MB more per image, 1.32 times the arithmetic (oneDNN's scratch buffers, BatchNorm's
 * saved statistics, nd4j's workspaces), over 347 MB for the JVM, the native libraries and the parameters
 * with Adam's state. {@link #OVERHEAD} and {@link #BASE_BYTES} are those two fitted numbers.
 */
public final class MemoryEstimate {
    /** Measured bytes per image over the arithmetic's activations and errors (see the class comment). */
    static final double OVERHEAD = 1.32;
    /** Measured resident memory of a run before its first batch: JVM, native libraries, parameters, Adam. */
    static final long BASE_BYTES = 347_000_000L;
    private static final long FLOAT_BYTES = 4;
    private static final String RAISE = "raise the limit with -Dorg.bytedeco.javacpp.maxphysicalbytes=… in "
            + "GAN_JAVA_OPTS (for ./gan) or GAN_KERNEL_JVM_OPTS (the notebook kernel)";

    private MemoryEstimate() {
    }

    /** Values each layer of the generator outputs for one image: dense, then per block up-convolution,
     * BatchNorm and ReLU (3 arrays of the block's size), then the RGB convolution. */
    static long floatsPerImage(GeneratorSpec g) {
        long floats = g.denseSize();
        int side = g.baseSize();
        for (int channels : g.upChannels()) {
            side *= 2;
            floats += 3L * side * side * channels;
        }
        return floats + (long) side * side * g.imageChannels();
    }

    /** The same for the discriminator: the image, the first convolution (LeakyReLU inside), then per block
     * convolution, BatchNorm and LeakyReLU, then P(real). A pooled block
     * convolves at its input's side and adds the halved map. */
    static long floatsPerImage(DiscriminatorSpec d) {
        long floats = (long) d.imageSize() * d.imageSize() * d.imageChannels();
        boolean pooled = d.downsampling() == Downsampling.POOLED;
        int side = d.imageSize();
        boolean first = true;
        for (int channels : d.downChannels()) {
            long convolved = (long) (pooled ? side : side / 2) * (pooled ? side : side / 2) * channels;
            side /= 2;
            floats += (first ? 1L : 3L) * convolved + (pooled ? (long) side * side * channels : 0);
            first = false;
        }
        return floats + 1;
    }

    /** Estimated peak resident bytes of training with batch {@code batch}. */
    public static long bytes(GeneratorSpec g, DiscriminatorSpec d, int batch) {
        double perImage = 2.0 * FLOAT_BYTES * (floatsPerImage(g) + 2.0 * floatsPerImage(d)) * OVERHEAD;
        return BASE_BYTES + (long) Math.ceil(perImage * batch);
    }

    /** The largest batch whose estimate stays within {@code limitBytes}; 0 if not even one image fits. */
    public static int largestBatch(GeneratorSpec g, DiscriminatorSpec d, long limitBytes) {
        int low = 0;
        int high = 4096;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (bytes(g, d, mid) <= limitBytes) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /**
     * What this process may hold resident: JavaCPP's maxPhysicalBytes (the whole process, heap included,
     * {@code -Dorg.bytedeco.javacpp.maxphysicalbytes}), past which every native allocation fails; the
     * machine's (or container's) memory when that is unlimited.
     */
    public static long processLimitBytes() {
        long max = Pointer.maxPhysicalBytes();
        if (max > 0) {
            return max;
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : Long.MAX_VALUE;
    }

    /** One line refusing {@code config}'s batch, or empty when it fits within {@code limitBytes}. */
    public static Optional<String> refusal(TrainingConfig config, long limitBytes) {
        return refusal(config, limitBytes, Optional.empty());
    }

    /**
     * The same, naming what the process's limit was sized from when that is known ("more than the 1.5 GB
     * this process may use (this container allows 2.0 GB)"): in a container, the container is the limit.
     */
    public static Optional<String> refusal(TrainingConfig config, long limitBytes, Optional<MemoryLimit> available) {
        RunDefinition run = config.definition();
        long need = bytes(run.generator(), run.discriminator(), config.batchSize());
        if (need <= limitBytes) {
            return Optional.empty();
        }
        int fits = largestBatch(run.generator(), run.discriminator(), limitBytes);
        return Optional.of(String.format(Locale.ROOT,
                "batch %d needs about %s of memory, more than the %s this process may use%s; %s, or %s",
                config.batchSize(), gigabytes(need), gigabytes(limitBytes),
                available.map(a -> " (" + a.describe() + ")").orElse(""),
                fits > 0 ? "use --batch " + fits + " or less" : "no batch fits", RAISE));
    }

    /** @throws IllegalArgumentException with {@link #refusal}'s line when the batch does not fit */
    public static void requireFits(TrainingConfig config) {
        refusal(config, processLimitBytes(), MemoryLimit.ofThisProcess()).ifPresent(line -> {
            throw new IllegalArgumentException(line);
        });
    }

    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
