package io.gannotebooks.metrics;

import io.gannotebooks.backend.Backend;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Features for any image folder: an untrained convolutional network with fixed random weights, whose
 * channels are averaged over the image after each of its three blocks (16 + 32 + 64 = 112 values).
 *
 * <p>Without a network trained on the images' own content (the Inception network behind FID cannot be
 * downloaded here), random convolutions are the honest fallback: each filter responds to some local pattern
 * of colour and edges, and the averages after each block describe those patterns at three scales (4, 10 and
 * 22 pixels). They separate real photographs from noise, from pixel soup and from blurry or collapsed
 * generators, but know nothing of what a picture shows: call the result "Fréchet distance in random-network
 * features", never FID. The weights depend on the seed only, so numbers from one seed are comparable across
 * runs and machines.
 */
public final class RandomFeatures implements FeatureExtractor {
    static {
        Backend.configure(); // the oneDNN helpers must be allowed before any layer is built
    }

    /** The seed of {@link #standard()}. Changing it changes every number measured in these features. */
    public static final long STANDARD_SEED = 2024;
    private static final List<Integer> CHANNELS = List.of(16, 32, 64);

    private final long seed;
    private final MultiLayerNetwork network;

    public RandomFeatures(long seed) {
        this.seed = seed;
        var layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                // He initialisation keeps the activations' scale through ReLU layers, so all three blocks
                // contribute features of similar size
                .weightInit(WeightInit.RELU)
                .list();
        int i = 0;
        for (int channels : CHANNELS) {
            // k4 s2 p1 halves the side: 64 -> 32 -> 16 -> 8
            layers.layer(i++, new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1)
                    .convolutionMode(ConvolutionMode.Truncate).nOut(channels).activation(Activation.RELU).build());
        }
        network = new MultiLayerNetwork(layers.setInputType(InputType.convolutional(64, 64, 3)).build());
        network.init();
    }

    /** The network every report uses for image folders. */
    public static RandomFeatures standard() {
        return new RandomFeatures(STANDARD_SEED);
    }

    @Override
    public String name() {
        return "random-network features (" + dimension() + "-d, seed " + seed + ")";
    }

    public int dimension() {
        return CHANNELS.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public synchronized INDArray features(INDArray images) {
        // feedForward's list holds the input, then each layer's activations [n, c, h, w]
        List<INDArray> activations = network.feedForward(images.castTo(DataType.FLOAT), false);
        INDArray[] pooled = new INDArray[CHANNELS.size()];
        for (int b = 0; b < pooled.length; b++) {
            pooled[b] = activations.get(b + 1).mean(2, 3);
        }
        return Nd4j.concat(1, pooled);
    }
}
