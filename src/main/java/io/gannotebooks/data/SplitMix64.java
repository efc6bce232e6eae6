package io.gannotebooks.data;

/**
 * A tiny counter-based random stream (SplitMix64, Steele, Lea and Flood 2014).
 *
 * <p>Each stream is derived by hashing (seed, index), so image {@code i} of a procedural dataset is a pure
 * function of its seed and index: no shared state, any order, any thread, same pixels.
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    private SplitMix64(long state) {
        this.state = state;
    }

    /** The stream for one item of a seeded collection. */
    static SplitMix64 forItem(long seed, long index) {
        // Hashing the index (rather than adding it to the state) keeps streams of neighbouring indices
        // from being shifted copies of each other.
        return new SplitMix64(mix(mix(seed) ^ mix(index + GOLDEN_GAMMA)));
    }

    /** The SplitMix64 finaliser: a bijective avalanche of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [min, max). */
    double nextDouble(double min, double max) {
        return min + (max - min) * nextDouble();
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        // Multiply-shift of 32 random bits: bias below 2^-32 · bound, invisible at our bounds.
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
}
