package io.gannotebooks.model;

import io.gannotebooks.backend.Backend;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/**
 * G: noise z ~ N(0, 1) to an image in [-1, 1], shape [n, channels, side, side] (NCHW).
 *
 * <p>Its last layer is a plain convolution, not an output layer: G has no loss of its own, its error
 * signal is the gradient that flows back through D (see {@code io.gannotebooks.train.GanTrainer}).
 */
public final class Generator extends TrainableNetwork {
    static {
        Backend.configure(); // the oneDNN helpers must be allowed before any layer is built
    }

    private final GeneratorSpec spec;

    /** A fresh G, initialised from the settings' seed, training on the library's own layers. */
    public Generator(GeneratorSpec spec, NetworkSettings settings) {
        this(spec, settings, LayerEngine.NATIVE);
    }

    /** The same on {@code engine}'s layers: DL4J's only for the tests that compare the two. */
    Generator(GeneratorSpec spec, NetworkSettings settings, LayerEngine engine) {
        this(spec, initialised(configuration(spec, settings)), engine);
    }

    private Generator(GeneratorSpec spec, MultiLayerNetwork network, LayerEngine engine) {
        super(network, engine);
        this.spec = spec;
    }

    /**
     * Wraps a network restored from a checkpoint.
     *
     * @throws IllegalArgumentException if its layers are not the ones {@code spec} describes
     */
    public static Generator of(GeneratorSpec spec, MultiLayerNetwork network) {
        return of(spec, network, LayerEngine.NATIVE);
    }

    /**
     * A network restored for drawing only (a running average, an exported generator): no training buffers
     * of the own layers are allocated for it; it draws through DL4J's inference like every generator.
     */
    public static Generator forInference(GeneratorSpec spec, MultiLayerNetwork network) {
        return of(spec, network, LayerEngine.DL4J);
    }

    static Generator of(GeneratorSpec spec, MultiLayerNetwork network, LayerEngine engine) {
        // the layout only: the settings (seed, rate) do not change any layer's kind or size
        LayerCheck.requireSameLayers(configuration(spec, NetworkSettings.dcgan(0)), network, "generator");
        return new Generator(spec, network, engine);
    }

    static MultiLayerConfiguration configuration(GeneratorSpec spec, NetworkSettings settings) {
        NeuralNetConfiguration.ListBuilder layers = settings.builder().list();
        int i = 0;
        // y = ReLU(W z + b), W is denseSize x latentSize (8192 x 100 in the design note)
        layers.layer(i++, new DenseLayer.Builder().name("dense").nOut(spec.denseSize())
                .activation(Activation.RELU).build());
        // reshape 8192 -> 128 x 8 x 8 happens in the pre-processor of the first transposed convolution
        layers.inputPreProcessor(i, new FeedForwardToCnnPreProcessor(spec.baseSize(), spec.baseSize(),
                spec.baseChannels()));
        int block = 1;
        for (int channels : spec.upChannels()) {
            // k4 s2 p1 doubles the side: 2(in - 1) + 4 - 2 = 2 in. No bias: BatchNorm's beta replaces it.
            layers.layer(i++, new Deconvolution2D.Builder(4, 4).name("up" + block).stride(2, 2).padding(1, 1)
                    .convolutionMode(ConvolutionMode.Truncate).nOut(channels).hasBias(false)
                    .activation(Activation.IDENTITY).build());
            layers.layer(i++, new BatchNormalization.Builder().name("bn" + block).build());
            // BatchNormalization ignores its activation setting, hence a separate layer
            layers.layer(i++, new ActivationLayer.Builder().name("relu" + block).activation(Activation.RELU).build());
            block++;
        }
        layers.layer(i, new ConvolutionLayer.Builder(3, 3).name("to_rgb").stride(1, 1).padding(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).nOut(spec.imageChannels())
                .activation(Activation.TANH).build());
        return layers.setInputType(InputType.feedForward(spec.latentSize())).build();
    }

    public GeneratorSpec spec() {
        return spec;
    }


    /** Length of z (100 in the design note). */
    public int latentSize() {
        return spec.latentSize();
    }


    /** {@code n} latent vectors [n, latentSize] of a named example stream, in G's precision. */
    public INDArray noise(NoiseStream stream, int n) {
        return stream.sample(n, latentSize(), dataType());
    }

    /**
     * G(z) in training mode, for a training step: BatchNorm uses the batch's own statistics, and G keeps
     * each layer's input for {@link #backward}. Returns [n, channels, side, side]; on the native layers
     * that is G's own buffer, valid until the next forward pass.
     */
    public INDArray forward(INDArray z) {
        if (nativeLayers != null) {
            return nativeLayers.stack().forward(z);
        }
        network.setInput(z);
        var activations = network.feedForward(true, false);
        return activations.get(activations.size() - 1);
    }

    /**
     * The gradient of a loss with respect to G's parameters, summed over the batch, from the gradient of
     * that loss with respect to G's latest {@link #forward} output ({@code imageGradient}, same shape):
     * the chain rule through G. The result is G's own gradient array, valid until the next backward pass.
     */
    public INDArray backward(INDArray imageGradient) {
        if (nativeLayers != null) {
            nativeLayers.stack().backward(imageGradient, false, true); // z is data: no gradient for it
            return remember(nativeLayers.layout());
        }
        return remember(network.backpropGradient(imageGradient, LayerWorkspaceMgr.noWorkspaces()).getFirst());
    }


    /** G's layers with the shape of what each one outputs, measured by a real forward pass of {@code z}. */
    public Table trace(INDArray z) {
        return ModelSummary.trace("Generator", network, z);
    }

    /**
     * Images for noise {@code z} [n, latentSize], with BatchNorm's running statistics (inference), so an
     * image depends on its own z only. Large batches go through in chunks: the last layers' activations
     * take 3 MB per image, and a notebook kernel must stay inside Binder's memory.
     */
    public INDArray generate(INDArray z) {
        return infer(z);
    }

    public Table summary() {
        return ModelSummary.of("Generator", network, InputType.feedForward(spec.latentSize()));
    }
}
