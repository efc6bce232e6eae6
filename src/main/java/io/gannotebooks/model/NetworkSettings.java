package io.gannotebooks.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How one network is built: the seed of its N(0, 0.02) initial weights (DCGAN), its optimiser, its
 * precision and what runs its training passes.
 *
 * @param dataType FLOAT for training, DOUBLE for finite-difference checks
 * @param layers   DL4J's layers or the library's own (the same maths; see {@link LayerEngine})
 */
public record NetworkSettings(long seed, AdamSettings adam, DataType dataType, LayerEngine layers) {

    /** On the {@linkplain LayerEngine#configured() configured} layers. */
    public NetworkSettings(long seed, AdamSettings adam, DataType dataType) {
        this(seed, adam, dataType, LayerEngine.configured());
    }

    /** Adam with DCGAN's β2 = 0.999, on the configured layers. */
    public NetworkSettings(long seed, double learningRate, double beta1, DataType dataType) {
        this(seed, new AdamSettings(learningRate, beta1, AdamSettings.DCGAN.beta2()), dataType);
    }

    public NetworkSettings withLayers(LayerEngine engine) {
        return new NetworkSettings(seed, adam, dataType, engine);
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
