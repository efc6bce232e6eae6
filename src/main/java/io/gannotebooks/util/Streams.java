package io.gannotebooks.util;

/**
 * Counter-based random numbers: every draw is a pure function of (seed, stream, index).
 *
 * <p>Training asks for "the noise of iteration 4711" or "the data order of epoch 12" rather than for the
 * next value of a stateful generator, so a resumed run draws exactly what an uninterrupted one would
 * have drawn, and a checkpoint needs no generator state beyond the seed and the iteration.
 */
public final class Streams {
    /**
     * The library's streams, one number per kind of draw, so that no two kinds ever share numbers. A kind
     * with several draws per index (the toy discriminator's k steps per iteration) tells them apart with the
     * {@code part} of {@link #of(long, long, long, long)}, never by adding to its stream number.
     */
    public static final long TRAINING_NOISE = 1;
    public static final long DATA_ORDER = 2;
    public static final long FIXED_NOISE = 3;
    public static final long SAMPLING_NOISE = 5;
    /** Noise of the generated images the metrics measure (./gan evaluate, MetricsRecorder). */
    public static final long EVALUATION_NOISE = 7;
    /** The draw of an evaluation's real reference sets from the dataset. */
    public static final long REFERENCE_SETS = 8;
    public static final long TOY_GENERATOR = 9;
    public static final long TOY_DISCRIMINATOR = 10;
    public static final long SHAPES = 20;
    public static final long LAW_OF_LARGE_NUMBERS = 30;
    /** The random recolouring, shifts and cut-outs of what D sees (Augmentation), part 0 real, 1 and 2 generated. */
    public static final long AUGMENTATION = 11;
    /** The notebooks' own examples ({@code io.gannotebooks.model.NoiseStream}). */
    public static final long COURSE_EXAMPLES = 40;

    private Streams() {
    }

    /** SplitMix64's finaliser: a fast, well-mixed 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A generator for one (seed, stream, index) triple. */
    public static Generator of(long seed, long stream, long index) {
        return new Generator(mix(mix(seed ^ 0x9e3779b97f4a7c15L) + stream * 0x632be59bd9b4e019L) + index);
    }

    /** A generator for one part of a (seed, stream, index) triple: part k of iteration i, say. */
    public static Generator of(long seed, long stream, long index, long part) {
        return new Generator(mix(mix(mix(seed ^ 0x9e3779b97f4a7c15L) + stream * 0x632be59bd9b4e019L) + index) + part);
    }

    /** SplitMix64 with uniform and Gaussian draws. */
    public static final class Generator {
        private long state;

        private Generator(long start) {
            this.state = mix(start);
        }

        public long nextLong() {
            state += 0x9e3779b97f4a7c15L;
            return mix(state);
        }

        /** Uniform in [0, 1). */
        public double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        /** Uniform in [min, max). */
        public double nextDouble(double min, double max) {
            return min + (max - min) * nextDouble();
        }

        /** Uniform in [0, bound). */
        public int nextInt(int bound) {
            return (int) ((nextLong() >>> 33) * bound >>> 31);
        }

        /** Standard normal, by Box–Muller (one of the pair is dropped: simpler state, fast enough here). */
        public double nextGaussian() {
            double u = 1.0 - nextDouble(); // (0, 1]: log(u) stays finite
            double v = nextDouble();
            return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
        }

        /** Fisher–Yates shuffle of {@code values} in place. */
        public void shuffle(int[] values) {
            for (int i = values.length - 1; i > 0; i--) {
                int j = nextInt(i + 1);
                int t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
        }
    }
}
