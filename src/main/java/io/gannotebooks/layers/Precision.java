package io.gannotebooks.layers;

import io.gannotebooks.backend.Machine;
import java.util.Locale;

/**
 * The arithmetic of the generator's transposed convolutions. Everything else — master weights, Adam, batch
 * norm, D, R1's finite differences, drawing — stays in float32 either way.
 *
 * <p>{@link #MIXED} is mixed precision as GPUs do it: the convolution reads bfloat16 copies of its input,
 * weights and upstream gradient (8 bits of mantissa: relative rounding 2⁻⁹ ≈ 0.2 %) and writes float32, with
 * oneDNN accumulating in float32. libnd4j 1.0.0-M2.1 reaches oneDNN's bfloat16 kernels through
 * {@code deconv2d_tf} and {@code deconv2d_bp} only, and only where the CPU has AVX512_BF16; every other op
 * or type mix falls back to a generic kernel hundreds of times slower, or (deconv2d with bf16 in and f32 out)
 * to wrong numbers (bench/Bf16Spike.md). So the mixed path is G's three transposed convolutions and nothing
 * else, and it is refused on CPUs without AVX512_BF16.
 */
public enum Precision {
    FP32, MIXED;

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
        return this == FP32 ? toString() : toString() + " (G's transposed convolutions in bfloat16, float32 out)";
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
