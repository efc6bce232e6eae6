package io.gannotebooks.train;

import java.util.Properties;

/**
 * When things happen in a run, as opposed to what the run is ({@link RunDefinition}): free to change
 * when a run is resumed.
 *
 * @param iterations      total number of training iterations (one D step and one G step each)
 * @param sampleEvery     draw a fixed-noise sample grid every this many iterations (0 = only at the end)
 * @param checkpointEvery write a checkpoint every this many iterations (0 = only at the end)
 * @param metricsEvery    measure the generator's quality every this many iterations (0 = never); kept in the
 *                        checkpoint, so a resumed run goes on measuring without being told again
 * @param metricsSamples  generated (and real) images per measurement
 * @param curriculum      which data each stretch of iterations trains on ({@link Curriculum#NONE}: the run's
 *                        dataset throughout); kept in the checkpoint, so a resumed run goes on through its stages
 */
public record Schedule(long iterations, int sampleEvery, int checkpointEvery, int metricsEvery, int metricsSamples,
                       Curriculum curriculum) {
    /** Largest accepted iteration count: keeps iteration × batch far from long overflow and runs sane. */
    public static final long MAX_ITERATIONS = 1_000_000_000L;

    public Schedule {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS
                    + ", got " + iterations);
        }
        if (sampleEvery < 0 || checkpointEvery < 0 || metricsEvery < 0) {
            throw new IllegalArgumentException("sample, checkpoint and measurement intervals must not be negative");
        }
        if (metricsEvery > 0 && metricsSamples < 2) {
            throw new IllegalArgumentException("a measurement needs at least 2 images, got " + metricsSamples);
        }
        if (curriculum == null) {
            throw new IllegalArgumentException("no curriculum: Curriculum.NONE trains on one dataset throughout");
        }
    }

    /** On one dataset throughout. */
    public Schedule(long iterations, int sampleEvery, int checkpointEvery, int metricsEvery, int metricsSamples) {
        this(iterations, sampleEvery, checkpointEvery, metricsEvery, metricsSamples, Curriculum.NONE);
    }

    /** Without measurements during training. */
    public Schedule(long iterations, int sampleEvery, int checkpointEvery) {
        this(iterations, sampleEvery, checkpointEvery, 0, 0);
    }

    /** {@code iterations} with a sample grid every 100 iterations and a checkpoint every 500. */
    public static Schedule of(long iterations) {
        return new Schedule(iterations, 100, 500);
    }

    public Schedule withIterations(long n) {
        return new Schedule(n, sampleEvery, checkpointEvery, metricsEvery, metricsSamples, curriculum);
    }

    public Schedule withIntervals(int samples, int checkpoints) {
        return new Schedule(iterations, samples, checkpoints, metricsEvery, metricsSamples, curriculum);
    }

    /** A quality measurement of {@code samples} images every {@code every} iterations (0: none). */
    public Schedule withMetrics(int every, int samples) {
        return new Schedule(iterations, sampleEvery, checkpointEvery, every, every > 0 ? samples : 0, curriculum);
    }

    /** The same, on the data of {@code stages}. */
    public Schedule withCurriculum(Curriculum stages) {
        return new Schedule(iterations, sampleEvery, checkpointEvery, metricsEvery, metricsSamples, stages);
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("iterations", String.valueOf(iterations));
        p.setProperty("sample_every", String.valueOf(sampleEvery));
        p.setProperty("checkpoint_every", String.valueOf(checkpointEvery));
        p.setProperty("metrics_every", String.valueOf(metricsEvery));
        p.setProperty("metrics_samples", String.valueOf(metricsSamples));
        if (curriculum.active()) { // only then: a run on one dataset keeps the keys it always had
            p.setProperty("curriculum", curriculum.toString());
        }
        return p;
    }

    /** Reads {@link #toProperties}' form; checkpoints from before measurements or curricula were kept had none. */
    public static Schedule fromProperties(Properties p) {
        return new Schedule(Long.parseLong(RunDefinition.required(p, "iterations")),
                RunDefinition.intOf(p, "sample_every"), RunDefinition.intOf(p, "checkpoint_every"),
                Integer.parseInt(p.getProperty("metrics_every", "0").trim()),
                Integer.parseInt(p.getProperty("metrics_samples", "0").trim()),
                Curriculum.fromString(p.getProperty("curriculum")));
    }
}
