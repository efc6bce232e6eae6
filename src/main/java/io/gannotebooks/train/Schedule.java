package io.gannotebooks.train;

import java.util.Properties;

/**
 * When things happen in a run, as opposed to what the run is ({@link RunDefinition}): free to change
 * when a run is resumed.
 *
 * @param iterations      total number of training iterations (one D step and one G step each)
 * @param sampleEvery     draw a fixed-noise sample grid every this many iterations (0 = only at the end)
 * @param checkpointEvery write a checkpoint every this many iterations (0 = only at the end)
 */
public record Schedule(long iterations, int sampleEvery, int checkpointEvery) {
    /** Largest accepted iteration count: keeps iteration × batch far from long overflow and runs sane. */
    public static final long MAX_ITERATIONS = 1_000_000_000L;

    public Schedule {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS
                    + ", got " + iterations);
        }
        if (sampleEvery < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("sample and checkpoint intervals must not be negative");
        }
    }

    /** {@code iterations} with a sample grid every 100 iterations and a checkpoint every 500. */
    public static Schedule of(long iterations) {
        return new Schedule(iterations, 100, 500);
    }

    public Schedule withIterations(long n) {
        return new Schedule(n, sampleEvery, checkpointEvery);
    }

    public Schedule withIntervals(int samples, int checkpoints) {
        return new Schedule(iterations, samples, checkpoints);
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("iterations", String.valueOf(iterations));
        p.setProperty("sample_every", String.valueOf(sampleEvery));
        p.setProperty("checkpoint_every", String.valueOf(checkpointEvery));
        return p;
    }

    public static Schedule fromProperties(Properties p) {
        return new Schedule(Long.parseLong(RunDefinition.required(p, "iterations")),
                RunDefinition.intOf(p, "sample_every"), RunDefinition.intOf(p, "checkpoint_every"));
    }
}
