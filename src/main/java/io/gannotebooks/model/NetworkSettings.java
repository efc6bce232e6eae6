package io.gannotebooks.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How one network is built: the seed of its N(0, 0.02) initial weights (DCGAN), its optimiser and its
 * precision.
 *
 * @param dataType FLOAT for training, DOUBLE for finite-difference checks
 */
public record NetworkSettings(long seed, AdamSettings adam, DataType dataType) {

    /** Adam with DCGAN's β2 = 0.999. */
    public NetworkSettings(long seed, double learningRate, double beta1, DataType dataType) {
        this(seed, new AdamSettings(learningRate, beta1, AdamSettings.DCGAN.beta2()), dataType);
    }

    public static NetworkSettings dcgan(long seed) {
        return new NetworkSettings(seed, AdamSettings.DCGAN, DataType.FLOAT);
    }

    NeuralNetConfiguration.Builder builder() {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .weightInit(new NormalDistribution(0, 0.02))
                .updater(adam.updater());
    }
}
