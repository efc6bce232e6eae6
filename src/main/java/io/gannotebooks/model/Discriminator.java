package io.gannotebooks.model;

import io.gannotebooks.backend.Backend;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * D: an image [n, channels, side, side] in [-1, 1] to the probability that it is real, shape [n, 1].
 *
 * <p>Its loss is binary cross-entropy, −[y log D(x) + (1 − y) log(1 − D(x))]: with y = 1 for real and
 * y = 0 for generated images, minimising it is maximising the design note's
 * E[log D(x)] + E[log(1 − D(G(z)))].
 */
public final class Discriminator {
    static {
        Backend.configure(); // the oneDNN helpers must be allowed before any layer is built
    }

    private final DiscriminatorSpec spec;
    private final MultiLayerNetwork network;

    public Discriminator(DiscriminatorSpec spec, NetworkSettings settings) {
        this(spec, new MultiLayerNetwork(configuration(spec, settings)));
        network.init();
    }

    private Discriminator(DiscriminatorSpec spec, MultiLayerNetwork network) {
        this.spec = spec;
        this.network = network;
    }

    public static Discriminator of(DiscriminatorSpec spec, MultiLayerNetwork network) {
        // the layout only: the settings (seed, rate) do not change any layer's kind or size
        LayerCheck.requireSameLayers(configuration(spec, NetworkSettings.dcgan(0)), network, "discriminator");
        return new Discriminator(spec, network);
    }

    static MultiLayerConfiguration configuration(DiscriminatorSpec spec, NetworkSettings settings) {
        NeuralNetConfiguration.ListBuilder layers = settings.builder().list();
        int i = 0;
        int block = 1;
        for (int channels : spec.downChannels()) {
            boolean first = block == 1;
            // k4 s2 p1 halves the side. DCGAN: no BatchNorm on the first block (it would normalise the pixels).
            layers.layer(i++, new ConvolutionLayer.Builder(4, 4).name("down" + block).stride(2, 2).padding(1, 1)
                    .convolutionMode(ConvolutionMode.Truncate).nOut(channels).hasBias(first)
                    .activation(first ? new ActivationLReLU(0.2) : Activation.IDENTITY.getActivationFunction())
                    .build());
            if (!first) {
                layers.layer(i++, new BatchNormalization.Builder().name("bn" + block).build());
                layers.layer(i++, new ActivationLayer.Builder().name("lrelu" + block)
                        .activation(new ActivationLReLU(0.2)).build());
            }
            block++;
        }
        // a dense unit over the last 4x4 map, the same as DCGAN's final 4x4 valid convolution
        // cross-entropy from the logit: DL4J's XENT clips D(x) at 1e-5 and starves G (see SigmoidCrossEntropy)
        layers.layer(i, new OutputLayer.Builder(new SigmoidCrossEntropy()).name("p_real").nOut(1)
                .activation(Activation.SIGMOID).build());
        return layers.setInputType(InputType.convolutional(spec.imageSize(), spec.imageSize(),
                spec.imageChannels())).build();
    }

    public DiscriminatorSpec spec() {
        return spec;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** D(x) for each image, with BatchNorm's running statistics (inference). */
    public INDArray probability(INDArray images) {
        return Chunks.map(images, network);
    }

    public tech.tablesaw.api.Table summary() {
        return ModelSummary.of("Discriminator", network,
                InputType.convolutional(spec.imageSize(), spec.imageSize(), spec.imageChannels()));
    }
}
