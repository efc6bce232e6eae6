package io.gannotebooks.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * What the generator and discriminator share: seed, precision, N(0, 0.02) weights (DCGAN) and Adam.
 *
 * @param learningRate Adam's step size (DCGAN: 2e-4)
 * @param beta1        Adam's first-moment decay (DCGAN: 0.5, lower than the usual 0.9 for stability)
 * @param dataType     FLOAT for training, DOUBLE for finite-difference checks
 */
public record NetworkSettings(long seed, double learningRate, double beta1, DataType dataType) {

    public NetworkSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
    }

    public static NetworkSettings dcgan(long seed) {
        return new NetworkSettings(seed, 2e-4, 0.5, DataType.FLOAT);
    }

    public NetworkSettings withSeed(long newSeed) {
        return new NetworkSettings(newSeed, learningRate, beta1, dataType);
    }

    public NetworkSettings withDataType(DataType type) {
        return new NetworkSettings(seed, learningRate, beta1, type);
    }

    NeuralNetConfiguration.Builder builder() {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .weightInit(new NormalDistribution(0, 0.02))
                .updater(new Adam(learningRate, beta1, 0.999, 1e-8));
    }
}
