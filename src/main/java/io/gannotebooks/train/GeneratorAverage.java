package io.gannotebooks.train;

import io.gannotebooks.model.Generator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of G's weights, θ̄ ← d θ̄ + (1 − d) θ after every G step, which draws the
 * samples instead of G (Yazıcı et al. 2019, "The unusual effectiveness of averaging in GAN training").
 *
 * <p>Why: G's weights do not settle at a point; each step moves them after a D that has just moved, and G
 * circles around where it should be. The average sits nearer the middle of that circle. With d = 0.99 it
 * weighs the last ≈ 100 steps (1 / (1 − d)). It trains nothing and is never trained: D never sees it.
 *
 * <p>BatchNorm's running mean and standard deviation are parameters of the DL4J network, so they are
 * averaged with the weights: the average normalises with statistics of the same recent stretch of training.
 */
public final class GeneratorAverage {
    private final double decay;
    private final Generator average;

    private GeneratorAverage(double decay, Generator average) {
        this.decay = decay;
        this.average = average;
    }

    /** An average that starts at {@code g}'s current weights. */
    public static GeneratorAverage startingAt(Generator g, double decay) {
        return restored(Generator.forInference(g.spec(), g.network().clone()), decay);
    }

    /** An average saved earlier (a checkpoint's), continuing with {@code decay}. */
    static GeneratorAverage restored(Generator average, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("the decay of G's running average must be above 0 and below 1, got "
                    + decay);
        }
        return new GeneratorAverage(decay, average);
    }

    /** θ̄ ← d θ̄ + (1 − d) θ, computed in place as θ̄ ← d (θ̄ − θ) + θ. */
    public void follow(Generator g) {
        INDArray theta = g.network().params();
        average.network().params().subi(theta).muli(decay).addi(theta);
    }

    /** The averaged generator: what draws samples. */
    public Generator generator() {
        return average;
    }

    public double decay() {
        return decay;
    }
}
