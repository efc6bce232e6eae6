package io.gannotebooks.layers;

import io.gannotebooks.backend.Machine;
import java.util.Locale;

/**
 * The arithmetic of the convolutions in training: every {@link Convolution} and {@link Deconvolution} of G
 * and D. Everything else — master weights, Adam, batch norm, activations, the loss, R1's tangent pass and
 * the backward pass after it, drawing — stays in float32 either way.
 *
 * <p>{@link #MIXED} is mixed precision as GPUs do it: each convolution's forward pass, ∂L/∂x and ∂L/∂W read
 * bfloat16 copies of the input, the weights and the upstream gradient (8 bits of mantissa: relative rounding
 * 2⁻⁹ ≈ 0.2 %, a relative error of ≈ 2.4e-3 per output) and write float32, with oneDNN accumulating in float32.
 * They are oneDNN 2.5.2's primitives, called directly ({@link OneDnnConvolution}): libnd4j 1.0.0-M2.1 reaches
 * oneDNN's bfloat16 kernels only for transposed convolutions, and through its per-call setup
 * (bench/Bf16Spike.md, bench/DnnlSpike.md). Those kernels need AVX512_BF16, so MIXED is refused on CPUs
 * without it.
 */
public enum Precision {
    FP32, MIXED;

    /**
     * The library's default, what {@code ./gan train}, {@code ./gan run}, {@code ./gan bench} and the notebooks
     * use unless told otherwise: {@link #MIXED} where the CPU has AVX512_BF16, {@link #FP32} elsewhere. Chosen by
     * the quality check of docs/speed.md (the quick profile on five seeds in both precisions, the same measures
     * within the seeds' spread) and by speed (1.5–1.8 times FP32's images per second on the Zen 4 VM). A run
     * keeps the precision it started with; {@code --precision} picks either for a new run or a resumed one.
     */
    public static Precision forThisMachine() {
        return Machine.hasBf16() ? MIXED : FP32;
    }

    /** "fp32" or "mixed", any case. */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.toString().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision must be fp32 or mixed, got '" + text + "'");
    }

    /** Its name and, for MIXED, what runs in bfloat16: for status lines and benchmark reports. */
    public String description() {
        return this == FP32 ? toString() : toString() + " (G's and D's convolutions in bfloat16, float32 out)";
    }

    /** @throws IllegalArgumentException in one line, for {@link #MIXED} on a CPU without AVX512_BF16 */
    public void requireAvailable() {
        if (this == MIXED && !Machine.hasBf16()) {
            throw new IllegalArgumentException("--precision mixed needs a CPU with AVX512_BF16 (this one: "
                    + Machine.describe() + "); train with --precision fp32");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
