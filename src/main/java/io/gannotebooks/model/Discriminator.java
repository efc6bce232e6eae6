package io.gannotebooks.model;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.layers.LayerClock;
import io.gannotebooks.layers.LogisticOutput;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/**
 * D: an image [n, channels, side, side] in [-1, 1] to the probability that it is real, shape [n, 1].
 *
 * <p>Its loss is binary cross-entropy, −[y log D(x) + (1 − y) log(1 − D(x))]: with y = 1 for real and
 * y = 0 for generated images, minimising it is maximising the design note's
 * E[log D(x)] + E[log(1 − D(G(z)))].
 */
public final class Discriminator extends TrainableNetwork {
    static {
        Backend.configure(); // the oneDNN helpers must be allowed before any layer is built
    }

    /** The label y of a real image in D's cross-entropy. */
    public static final double REAL = 1;
    /** The label y of a generated image. */
    public static final double FAKE = 0;

    private final DiscriminatorSpec spec;
    private final OutputProbe probe = new OutputProbe();
    private final LogisticOutput output = new LogisticOutput(); // σ and the cross-entropy's gradient, native layers
    private final GradientCopies copies = new GradientCopies(); // the parameter gradients handed out until update
    private SpectralProjection spectral; // with --d-norm spectral[-conv]: the power iteration's vectors, else null

    /** A fresh D, initialised from the settings' seed, training on the library's own layers. */
    public Discriminator(DiscriminatorSpec spec, NetworkSettings settings) {
        this(spec, settings, LayerEngine.NATIVE);
    }

    /** The same on {@code engine}'s layers: DL4J's only for the tests that compare the two. */
    Discriminator(DiscriminatorSpec spec, NetworkSettings settings, LayerEngine engine) {
        this(spec, initialised(configuration(spec, settings)), engine);
        if (spectral != null) {
            spectral.project(); // D starts normalised, as Miyato et al.'s reparametrised D computes from step 0
        }
    }

    private Discriminator(DiscriminatorSpec spec, MultiLayerNetwork network, LayerEngine engine) {
        super(network, engine);
        this.spec = spec;
        network.setListeners(probe);
        // a restored D's weights are already normalised; a checkpoint hands over its vectors u (spectralState)
        this.spectral = spec.spectral() ? SpectralProjection.fresh(network, spec.spectralNorm()) : null;
    }

    /** Spectral normalisation's power-iteration state, saved with a checkpoint; null when D has none. */
    public SpectralProjection spectralState() {
        return spectral;
    }

    /** Continues with the state a checkpoint saved, so that a resumed run projects as the uninterrupted one. */
    public void spectralState(SpectralProjection saved) {
        if (spectral == null) {
            throw new IllegalStateException("this discriminator has no spectral normalisation");
        }
        spectral = saved;
    }

    /**
     * Adam's step, then, with spectral normalisation, each weight divided by its largest singular value. The
     * parameter gradients handed out since the last update are reused from here on.
     */
    @Override
    public void update(INDArray gradient, int batchSize, long iteration, long epoch) {
        super.update(gradient, batchSize, iteration, epoch);
        copies.recycle();
        if (spectral != null) {
            LayerClock.time("spectral normalisation of Discriminator", () -> spectral.project());
        }
    }

    /**
     * One forward and backward pass of D in training mode over a batch, all against one label y.
     *
     * @param probabilities     D(x) of each image: [B]
     * @param parameterGradient ∇θ_D Σ_i ℓ(D(x_i), y), flat, D's own copy: later passes do not overwrite it, D's
     *                          next {@link #update} reuses it;
     *                          null if not {@linkplain Wanted wanted}
     * @param imageGradient     ∂ Σ_i ℓ(D(x_i), y) / ∂x: [B, C, H, W], the error signal G receives; null if not
     *                          wanted; on the native layers D's own buffer, valid until D's next pass
     */
    public record Pass(double[] probabilities, INDArray parameterGradient, INDArray imageGradient) {
    }

    /**
     * Which gradients a backward pass must deliver. D's own step needs the parameter gradient only, G's
     * step the image gradient only; the native layers then skip the rest (the weight gradients of every
     * convolution in G's step), DL4J's layers compute both regardless.
     */
    public enum Wanted {
        PARAMETERS(true, false), IMAGE(false, true), BOTH(true, true);

        final boolean parameters;
        final boolean image;

        Wanted(boolean parameters, boolean image) {
            this.parameters = parameters;
            this.image = image;
        }
    }

    public static Discriminator of(DiscriminatorSpec spec, MultiLayerNetwork network) {
        return of(spec, network, LayerEngine.NATIVE);
    }

    static Discriminator of(DiscriminatorSpec spec, MultiLayerNetwork network, LayerEngine engine) {
        // the layout only: the settings (seed, rate) do not change any layer's kind or size
        LayerCheck.requireSameLayers(configuration(spec, NetworkSettings.dcgan(0)), network, "discriminator");
        return new Discriminator(spec, network, engine);
    }

    static MultiLayerConfiguration configuration(DiscriminatorSpec spec, NetworkSettings settings) {
        NeuralNetConfiguration.ListBuilder layers = settings.builder().list();
        int i = 0;
        int block = 1;
        boolean pooled = spec.downsampling() == Downsampling.POOLED;
        for (int channels : spec.downChannels()) {
            // strided: k4 s2 p1 halves the side; pooled: k3 s1 p1 keeps it and a 2x2 mean halves it.
            // DCGAN: no BatchNorm on the first block (it would normalise the pixels).
            boolean normalised = spec.batchNorm() && block > 1;
            var conv = pooled ? new ConvolutionLayer.Builder(3, 3).name("conv" + block).stride(1, 1).padding(1, 1)
                    : new ConvolutionLayer.Builder(4, 4).name("down" + block).stride(2, 2).padding(1, 1);
            layers.layer(i++, conv.convolutionMode(ConvolutionMode.Truncate).nOut(channels).hasBias(!normalised)
                    .activation(normalised ? Activation.IDENTITY.getActivationFunction() : new ActivationLReLU(0.2))
                    .build());
            if (normalised) {
                layers.layer(i++, new BatchNormalization.Builder().name("bn" + block).build());
                layers.layer(i++, new ActivationLayer.Builder().name("lrelu" + block)
                        .activation(new ActivationLReLU(0.2)).build());
            }
            if (pooled) {
                layers.layer(i++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).name("pool" + block)
                        .kernelSize(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Truncate).build());
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



    /**
     * D's verdict on {@code images} [B, C, H, W] and the gradients of its cross-entropy
     * ℓ = −[y log D(x) + (1 − y) log(1 − D(x))] against label {@code y} ({@link #REAL} or {@link #FAKE}),
     * summed over the batch. BatchNorm normalises with this batch's statistics. D's parameters, BatchNorm
     * running statistics and optimiser state are left exactly as they were: only {@link #update} moves them.
     */
    public Pass backward(INDArray images, double y) {
        return backward(images, y, Wanted.BOTH);
    }

    /** As {@link #backward(INDArray, double)}, delivering only the {@code wanted} gradients. */
    public Pass backward(INDArray images, double y, Wanted wanted) {
        if (nativeLayers != null) {
            return nativeBackward(images, y, wanted);
        }
        INDArray labels = Nd4j.zeros(images.dataType(), images.size(0), 1).addi(y);
        var gradients = network.calculateGradients(images, labels, null, null);
        INDArray parameterGradient = copies.copyOf(remember(gradients.getFirst()));
        return new Pass(probe.take(), parameterGradient, gradients.getSecond());
    }

    /**
     * R1 on one batch of real images.
     *
     * @param value             (γ/2) · (1/N) Σᵢ ‖∇ₓ sᵢ‖², the penalty itself (s: D's logit, N: the images)
     * @param parameterGradient ∇θ_D of (w/2) Σᵢ ‖∇ₓ sᵢ‖² for the weight w asked for, a sum like a
     *                          {@link Pass}'s, so that {@link #update}'s division by N makes it ∇θ of the penalty;
     *                          like a pass's, valid until D's next update
     */
    public record Penalty(double value, INDArray parameterGradient) {
    }

    /**
     * The R1 penalty's value and parameter gradient, first-order: no second derivative is taken. With
     * gᵢ = ∇ₓ sᵢ held fixed, ∇θ ½‖gᵢ‖² = ∇θ (gᵢ · ∇ₓ sᵢ): the parameter gradient of s's directional
     * derivative along gᵢ. A tangent pass gives that directional derivative (J(xᵢ) gᵢ, D linearised at xᵢ:
     * weights without biases, each LeakyReLU's slope at xᵢ; it equals ‖gᵢ‖²), and an ordinary backward pass
     * of it, with upstream weight w per verdict, its parameter gradient:
     * <pre>∇θ (w/2) Σᵢ ‖gᵢ‖² = Σᵢ w ∇θ [J(xᵢ) gᵢ]</pre>
     * Three passes of D's cost: forward + input gradient, tangent, backward. This is the ε → 0 limit of the
     * central difference Σᵢ w ‖gᵢ‖ [∇θ s(xᵢ + ε dᵢ) − ∇θ s(xᵢ − ε dᵢ)] / (2ε), dᵢ = gᵢ/‖gᵢ‖, which was tried
     * first and loses in float: on the design note's D every step large enough to beat rounding crosses
     * LeakyReLU kinks, each adding a jump / 2ε (relative error 7 at ε = 0.1, 24 at 0.01, 0.13 at 1e-4 against
     * PyTorch's double backpropagation; see {@code R1ReferenceTest}). Only for D without batch norm: a verdict
     * must depend on its own image alone. D's parameters and state are left as they were.
     *
     * @param images [B, C, H, W], the real images as D sees them
     * @param gamma  γ of the value reported
     * @param weight w of the gradient: γ, or γ · K on a lazy schedule
     */
    public Penalty gradientPenalty(INDArray images, double gamma, double weight) {
        if (spec.batchNorm()) {
            throw new IllegalStateException("R1 needs D without batch norm: with it a verdict depends on its batch");
        }
        if (nativeLayers == null) {
            throw new UnsupportedOperationException("R1 is computed on the library's own layers only");
        }
        INDArray x = images;
        var stack = nativeLayers.stack();
        int n = (int) x.size(0);
        stack.forward(x);
        INDArray g = stack.backward(Nd4j.ones(x.dataType(), n, 1), true, false).dup(); // gᵢ = ∇ₓ sᵢ
        double norm = g.norm2Number().doubleValue();
        double value = gamma / 2 * norm * norm / n;
        stack.tangent(g);                                                  // J(xᵢ) gᵢ (= ‖gᵢ‖²): [N, 1]
        stack.backward(Nd4j.valueArrayOf(new long[]{n, 1}, weight, x.dataType()), false, true);
        return new Penalty(value, copies.copyOf(remember(nativeLayers.layout())));
    }

    /** The same pass on the library's own layers: the stack ends at the logit, σ and the loss follow. */
    private Pass nativeBackward(INDArray images, double y, Wanted wanted) {
        INDArray logits = nativeLayers.stack().forward(images);               // s: [B, 1]
        double[] probabilities = output.probabilities(logits).toDoubleVector(); // D(x) = σ(s)
        INDArray imageGradient = nativeLayers.stack().backward(output.gradient(y), wanted.image, wanted.parameters);
        INDArray parameterGradient = wanted.parameters ? copies.copyOf(remember(nativeLayers.layout())) : null;
        return new Pass(probabilities, parameterGradient, imageGradient);
    }

    /**
     * Images moved to where D errs most within a ball around each, to first order, and D's verdicts on the
     * images as given.
     *
     * @param images        [B, C, H, W], a new array: x + ε · gᵢ / ‖gᵢ‖ with gᵢ = ∇ₓ ℓ(D(xᵢ), y), the gradient of
     *                      D's cross-entropy against label y, so each image is ε away (L2) in the direction that
     *                      raises D's loss fastest (the fast gradient method, one step)
     * @param probabilities D(x) of the unmoved images: [B]
     */
    public record Hardest(INDArray images, double[] probabilities) {
    }

    /**
     * {@link Hardest} within L2 distance {@code radius} of each image. Training D on these instead of the
     * images themselves asks D for the same verdict on every image of the ball: an adversarially trained
     * classifier's input gradient follows what a person sees (Santurkar et al., NeurIPS 2019), which is what G
     * learns from; Zhong et al. (2020) train a GAN's D this way. An image whose gradient is 0 stays where it is.
     * D is left as it was (one pass of {@link #backward}).
     */
    public Hardest hardest(INDArray images, double y, double radius) {
        Pass pass = backward(images, y, Wanted.IMAGE);
        INDArray g = pass.imageGradient();
        long n = g.size(0);
        INDArray rows = g.reshape('c', n, g.length() / n);               // a view when g is contiguous
        double[] scale = rows.norm2(1).toDoubleVector();                 // ε / ‖gᵢ‖ per image, 0 where gᵢ = 0
        for (int i = 0; i < n; i++) {
            scale[i] = scale[i] > 0 ? radius / scale[i] : 0;
        }
        INDArray moved = images.dup('c');
        moved.reshape('c', n, moved.length() / n)
                .addi(rows.mulColumnVector(Nd4j.createFromArray(scale).castTo(g.dataType()).reshape(n, 1)));
        return new Hardest(moved, pass.probabilities());
    }

    /** D(x) for each image, with BatchNorm's running statistics (inference): [B, 1]. */
    public INDArray probability(INDArray images) {
        return infer(images);
    }

    public Table summary() {
        return ModelSummary.of("Discriminator", network,
                InputType.convolutional(spec.imageSize(), spec.imageSize(), spec.imageChannels()));
    }

    /**
     * D's outputs from the forward pass inside {@code calculateGradients}, so D(x) is known without a second
     * pass through the convolutions. DL4J hands listeners the activations up to the output layer's input;
     * the output layer itself (one sigmoid unit over the last feature map) is cheap, so it is applied once
     * more here, in inference mode, which for a dense layer is the same computation.
     */
    private static final class OutputProbe extends BaseTrainingListener {
        private double[] last;

        @Override
        public void onForwardPass(Model model, java.util.List<INDArray> activations) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            int outputIndex = net.getnLayers() - 1;
            INDArray input = activations.get(activations.size() - 1);
            LayerWorkspaceMgr noWorkspace = LayerWorkspaceMgr.noWorkspaces();
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(outputIndex);
            if (pre != null) {
                input = pre.preProcess(input, (int) input.size(0), noWorkspace);
            }
            // copy now: the activations live in a workspace that closes after the pass
            last = net.getOutputLayer().activate(input, false, noWorkspace).toDoubleVector();
        }

        double[] take() {
            double[] out = last;
            last = null;
            if (out == null) {
                throw new IllegalStateException("no forward pass was captured");
            }
            return out;
        }
    }
}
