package io.gannotebooks.train;

import io.gannotebooks.layers.Precision;
import java.util.Properties;

/** A run to train: what it is ({@link RunDefinition}) and when things happen in it ({@link Schedule}). */
public record TrainingConfig(RunDefinition definition, Schedule schedule) {

    /**
     * The design note's networks with DCGAN's optimiser settings, sample grids every 100 iterations: what the
     * benchmarks time and the PyTorch reference replays.
     */
    public static TrainingConfig dcgan(long seed, long iterations, int batchSize) {
        return new TrainingConfig(RunDefinition.dcgan().seed(seed).batchSize(batchSize).build(), Schedule.of(iterations));
    }

    /**
     * The library's default recipe ({@link RunDefinition#recipe}) in the machine's default precision
     * ({@link Precision#forThisMachine}): what {@code ./gan train} and the notebooks train.
     */
    public static TrainingConfig recipe(long seed, long iterations, int batchSize) {
        return new TrainingConfig(RunDefinition.recipe().seed(seed).batchSize(batchSize)
                .precision(Precision.forThisMachine()).build(), Schedule.of(iterations));
    }

    public long iterations() {
        return schedule.iterations();
    }

    public int batchSize() {
        return definition.batchSize();
    }

    public long seed() {
        return definition.seed();
    }

    public TrainingConfig withIterations(long n) {
        return new TrainingConfig(definition, schedule.withIterations(n));
    }

    public TrainingConfig withIntervals(int samples, int checkpoints) {
        return new TrainingConfig(definition, schedule.withIntervals(samples, checkpoints));
    }

    /** The same run measured during training: {@code samples} images every {@code every} iterations (0: never). */
    public TrainingConfig withMetrics(int every, int samples) {
        return new TrainingConfig(definition, schedule.withMetrics(every, samples));
    }

    public TrainingConfig withDefinition(RunDefinition d) {
        return new TrainingConfig(d, schedule);
    }

    /** Both parts in one flat key=value form (checkpoint format 1's "config." keys). */
    public Properties toProperties() {
        Properties p = definition.toProperties();
        p.putAll(schedule.toProperties());
        return p;
    }

    public static TrainingConfig fromProperties(Properties p) {
        return new TrainingConfig(RunDefinition.fromProperties(p), Schedule.fromProperties(p));
    }
}
