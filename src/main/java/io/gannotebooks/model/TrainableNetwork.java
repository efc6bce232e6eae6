package io.gannotebooks.model;

import io.gannotebooks.layers.Convolution;
import io.gannotebooks.layers.Deconvolution;
import io.gannotebooks.layers.Layer;
import io.gannotebooks.layers.LayerClock;
import io.gannotebooks.layers.Precision;
import io.gannotebooks.util.Chunks;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What G and D share as networks in training: the DL4J network, its precision, the optimiser's update and
 * forgetting a batch. The DL4J plumbing lives here, so a training step reads as the maths.
 *
 * <p>The training passes run on DL4J's layers or on the library's own ({@link LayerEngine}); either way
 * the DL4J network holds the parameters, their gradient and Adam's state.
 */
public abstract class TrainableNetwork {
    /**
     * Images per inference pass: G's last layers take 3 MB of activations per image, and a notebook kernel
     * must stay inside Binder's memory.
     */
    private static final int INFERENCE_CHUNK = 16;

    final MultiLayerNetwork network;
    /** The library's own layers over this network's parameters, or null when DL4J's layers run. */
    final NativeLayers nativeLayers;
    private final String engineNote;
    private final String updateLabel = "Adam step of " + getClass().getSimpleName(); // its row in LayerClock
    private Gradient layout; // the latest backward pass's gradient: a flat array with per-layer views, what the updater reads

    TrainableNetwork(MultiLayerNetwork network, LayerEngine engine) {
        this.network = network;
        NativeLayers own = null;
        String note = null;
        if (engine == LayerEngine.NATIVE) {
            try {
                own = NativeLayers.of(network);
            } catch (UnsupportedOperationException e) {
                note = "DL4J's layers, as the native ones do not support " + e.getMessage();
            }
        }
        this.nativeLayers = own;
        this.engineNote = note;
    }

    /** What runs the training passes: {@link LayerEngine#NATIVE} only if it was asked for and supports every layer. */
    public LayerEngine layerEngine() {
        return nativeLayers == null ? LayerEngine.DL4J : LayerEngine.NATIVE;
    }

    /** Why the native layers were asked for but DL4J's run, or null. */
    public String layerEngineNote() {
        return engineNote;
    }

    /**
     * The arithmetic of the training passes' convolutions, transposed or not: {@link Precision#MIXED} needs
     * the own layers, FLOAT weights and a CPU with AVX512_BF16, and says which is missing in one line.
     */
    public void precision(Precision p) {
        if (p == Precision.MIXED) {
            if (nativeLayers == null) {
                throw new IllegalArgumentException("mixed precision runs on the library's own layers, not on DL4J's");
            }
            if (dataType() != DataType.FLOAT) {
                throw new IllegalArgumentException("mixed precision trains FLOAT weights, not " + dataType());
            }
            p.requireAvailable();
        }
        if (nativeLayers != null) {
            for (Layer layer : nativeLayers.stack().layers()) {
                if (layer instanceof Deconvolution transposed) {
                    transposed.precision(p);
                } else if (layer instanceof Convolution convolution) {
                    convolution.precision(p);
                }
            }
        }
    }

    /** The DL4J network, for code that needs DL4J itself (serialisation, tests); notebooks do not. */
    public MultiLayerNetwork network() {
        return network;
    }

    /** The precision of the weights and outputs (FLOAT for training, DOUBLE in gradient checks). */
    public DataType dataType() {
        return network.getLayerWiseConfigurations().getDataType();
    }

    /** One Adam step on {@code gradient} (summed over a batch of {@code batchSize}; the updater takes the mean). */
    public void update(INDArray gradient, int batchSize, long iteration, long epoch) {
        LayerClock.time(updateLabel, () -> {
            update(network, layout, gradient, batchSize, iteration, epoch);
            return null;
        });
    }

    /** Lets go of the batch's activations (Adam's moments stay). */
    public void forgetBatch() {
        forgetBatch(network);
    }

    /** Whether every parameter is a finite number. */
    public boolean finite() {
        return finite(network);
    }

    /** The network's output for {@code input}, in inference mode, {@link #INFERENCE_CHUNK} rows at a time. */
    INDArray infer(INDArray input) {
        return Chunks.map(input, INFERENCE_CHUNK, x -> network.output(x, false));
    }

    /** A network of {@code configuration}, its parameters initialised. */
    static MultiLayerNetwork initialised(org.deeplearning4j.nn.conf.MultiLayerConfiguration configuration) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration);
        net.init();
        return net;
    }

    /** Records a backward pass's gradient, which {@link #update} steps on; returns its flat array. */
    INDArray remember(Gradient gradient) {
        layout = gradient;
        return gradient.gradient();
    }

    /**
     * One optimiser step on {@code gradient}, the loss gradient summed over a batch of {@code batchSize}.
     * DL4J's updater divides it by the batch size (the design note's 1/N Σ), turns it into Adam's step in
     * place, and expects {@code params -= step}. {@code layout} is the DL4J gradient of the network's
     * latest backward pass: a flat array with per-layer views into it, the form the updater reads; the
     * step is computed in that array.
     */
    private static void update(MultiLayerNetwork net, Gradient layout, INDArray gradient, int batchSize, long iteration,
                       long epoch) {
        if (layout == null) {
            throw new IllegalStateException("an update needs a backward pass of the same network first");
        }
        INDArray step = layout.gradient();
        if (gradient != step) {
            step.assign(gradient);
        }
        net.getUpdater().update(net, layout, (int) iteration, (int) epoch, batchSize, LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(step);
        net.getLayerWiseConfigurations().setIterationCount((int) iteration + 1);
        net.getLayerWiseConfigurations().setEpochCount((int) epoch);
    }

    /**
     * Drops the references a network keeps to this iteration's input, labels and activations, so the GC can
     * free them. Not {@code MultiLayerNetwork.clear()}: that also throws away the updater, i.e. Adam's
     * moment estimates, and every step would start Adam afresh (measured: a sign-like step of 1–16 times
     * the learning rate, and D's outputs swinging between 0 and 1 every other iteration).
     */
    private static void forgetBatch(MultiLayerNetwork net) {
        net.clearLayersStates();
        net.setInput(null);
        net.setLabels(null);
    }

    /** One reduction over the flat parameter vector: NaN or ±inf anywhere makes the sum non-finite. */
    private static boolean finite(MultiLayerNetwork net) {
        return Double.isFinite(net.params().sumNumber().doubleValue());
    }
}
