package io.gannotebooks.train;

import io.gannotebooks.model.Generator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A running average of G's weights (Polyak averaging), the generator that samples and is measured.
 *
 * <p>G's weights never settle: each step answers the last move of D, and one snapshot can be much worse
 * than its neighbours (the Fréchet distance of single snapshots 200 iterations apart was measured to swing
 * by 3×). The average of the recent weights draws what they agree on. It is exponential with decay
 * min(0.999, (1 + t) / (10 + t)) after t updates, so that early on it forgets the random start quickly
 * and later it spans about the last thousand steps. BatchNorm's running statistics are parameters in
 * DL4J and are averaged with the rest. Training itself never reads the average.
 */
public final class GeneratorAverage {
    public static final double DECAY = 0.999;

    private final Generator average;
    private long updates;

    /** An average that starts at {@code start}'s weights (copied) and has seen {@code updates} updates. */
    GeneratorAverage(Generator start, long updates) {
        this.average = Generator.of(start.spec(), start.network().clone());
        this.updates = updates;
    }

    /** Blends in the trained generator's current weights. */
    void update(Generator trained) {
        double decay = decayAfter(updates);
        INDArray mean = average.network().params();
        mean.muli(decay).addi(trained.network().params().mul(1 - decay));
        updates++;
    }

    static double decayAfter(long updates) {
        return Math.min(DECAY, (1.0 + updates) / (10.0 + updates));
    }

    public Generator generator() {
        return average;
    }

    public long updates() {
        return updates;
    }
}
