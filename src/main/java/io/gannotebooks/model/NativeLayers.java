package io.gannotebooks.model;

import io.gannotebooks.layers.AveragePool;
import io.gannotebooks.layers.BatchNorm;
import io.gannotebooks.layers.Convolution;
import io.gannotebooks.layers.Deconvolution;
import io.gannotebooks.layers.Dense;
import io.gannotebooks.layers.Geometry;
import io.gannotebooks.layers.Layer;
import io.gannotebooks.layers.LayerStack;
import io.gannotebooks.layers.LeakyReLU;
import io.gannotebooks.layers.Parameter;
import io.gannotebooks.layers.ReLU;
import io.gannotebooks.layers.Reshape;
import io.gannotebooks.layers.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network seen as the library's own layers ({@link io.gannotebooks.layers}): the same layers in the
 * same order, each over views of the network's flat parameter vector and flat gradient vector, so the
 * two paths share their parameters, Adam's state and the checkpoint format.
 *
 * <p>Only what G and D are built from is translated; anything else is refused with the reason, and the
 * network then trains on DL4J's layers.
 */
final class NativeLayers {
    private final LayerStack stack;
    private final Gradient layout;

    private NativeLayers(LayerStack stack, Gradient layout) {
        this.stack = stack;
        this.layout = layout;
    }

    /** The layers, ending with the logit of a sigmoid output layer when the network has one (D). */
    LayerStack stack() {
        return stack;
    }

    /**
     * The flat gradient as DL4J's updater reads it: the same array with one view per parameter, named
     * "layer_parameter" ("0_W", "2_gamma") as DL4J's own backward pass names them.
     */
    Gradient layout() {
        return layout;
    }

    /** @throws UnsupportedOperationException naming the first layer or setting that has no native version */
    static NativeLayers of(MultiLayerNetwork network) {
        DataType type = network.getLayerWiseConfigurations().getDataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new UnsupportedOperationException("the native layers run in FLOAT or DOUBLE, not " + type);
        }
        if (network.getFlattenedGradients() == null) {
            network.initGradientsView(); // DL4J makes it at the first backward pass
        }
        List<Layer> layers = new ArrayList<>();
        DefaultGradient layout = new DefaultGradient(network.getFlattenedGradients());
        int count = network.getnLayers();
        for (int i = 0; i < count; i++) {
            var dl4j = network.getLayer(i);
            NeuralNetConfiguration conf = dl4j.conf();
            var layerConf = conf.getLayer();
            String name = layerConf.getLayerName() == null ? "layer" + i : layerConf.getLayerName();
            if (layerConf.getIDropout() != null) {
                throw new UnsupportedOperationException(name + " has dropout");
            }
            Map<String, INDArray> gradients = dl4j.numParams() == 0 ? Map.of()
                    : layerConf.initializer().getGradientsFromFlattened(conf, dl4j.getGradientsViewArray());
            for (var entry : gradients.entrySet()) {
                layout.setGradientFor(i + "_" + entry.getKey(), entry.getValue());
            }
            Views views = new Views(name, dl4j.paramTable(), gradients);
            InputPreProcessor pre = network.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                layers.add(reshape(name, pre));
            }
            if (layerConf instanceof OutputLayer output) {
                if (i != count - 1 || !(output.getActivationFn() instanceof ActivationSigmoid)
                        || !(output.getLossFn() instanceof SigmoidCrossEntropy) || !output.hasBias()) {
                    throw new UnsupportedOperationException(name + ": only a last sigmoid unit with "
                            + "SigmoidCrossEntropy is supported as an output layer");
                }
                layers.add(new Dense(name, views.get("W"), views.get("b"))); // the logit; σ and the loss follow
            } else if (layerConf instanceof DenseLayer dense) {
                if (!dense.hasBias() || dense.hasLayerNorm()) {
                    throw new UnsupportedOperationException(name + ": a dense layer needs a bias and no layer norm");
                }
                layers.add(new Dense(name, views.get("W"), views.get("b")));
                activation(name, dense.getActivationFn(), layers);
            } else if (layerConf instanceof Deconvolution2D deconv) {
                if (deconv.hasBias()) {
                    throw new UnsupportedOperationException(name + ": a transposed convolution with bias");
                }
                layers.add(new Deconvolution(name, views.get("W"), geometry(name, deconv)));
                activation(name, deconv.getActivationFn(), layers);
            } else if (layerConf instanceof ConvolutionLayer conv && conv.getClass() == ConvolutionLayer.class) {
                layers.add(new Convolution(name, views.get("W"), conv.hasBias() ? views.get("b") : null,
                        geometry(name, conv)));
                activation(name, conv.getActivationFn(), layers);
            } else if (layerConf instanceof BatchNormalization bn) {
                if (bn.isLockGammaBeta() || !bn.isUseLogStd() || !bn.isMinibatch()
                        || bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
                    throw new UnsupportedOperationException(name + ": batch normalisation other than DL4J's default"
                            + " (trained gamma and beta, log10 std, minibatch statistics, NCHW)");
                }
                layers.add(new BatchNorm(name, views.get("gamma"), views.get("beta"), views.get("mean"),
                        views.get("log10stdev"), bn.getEps(), bn.getDecay()));
            } else if (layerConf instanceof SubsamplingLayer pool) {
                if (pool.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.AVG
                        || !java.util.Arrays.equals(pool.getKernelSize(), new int[]{2, 2})
                        || !java.util.Arrays.equals(pool.getStride(), new int[]{2, 2})
                        || !java.util.Arrays.equals(pool.getPadding(), new int[]{0, 0})
                        || pool.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
                    throw new UnsupportedOperationException(name + ": only 2x2 average pooling of stride 2 without "
                            + "padding, NCHW");
                }
                layers.add(new AveragePool(name));
            } else if (layerConf instanceof ActivationLayer act) {
                activation(name, act.getActivationFn(), layers);
            } else {
                throw new UnsupportedOperationException(name + ": no native version of "
                        + layerConf.getClass().getSimpleName());
            }
        }
        return new NativeLayers(new LayerStack(layers), layout);
    }

    private static Layer reshape(String name, InputPreProcessor pre) {
        if (pre instanceof FeedForwardToCnnPreProcessor toMap) {
            return new Reshape(name + ".reshape", toMap.getNumChannels(), toMap.getInputHeight(), toMap.getInputWidth());
        }
        if (pre instanceof CnnToFeedForwardPreProcessor flatten && flatten.getFormat() == CNN2DFormat.NCHW) {
            return new Reshape(name + ".flatten", flatten.getNumChannels() * flatten.getInputHeight()
                    * flatten.getInputWidth());
        }
        throw new UnsupportedOperationException(name + ": no native version of the pre-processor " + pre);
    }

    private static Geometry geometry(String name, ConvolutionLayer conv) {
        int[] k = conv.getKernelSize();
        int[] s = conv.getStride();
        int[] p = conv.getPadding();
        int[] d = conv.getDilation();
        boolean truncate = conv.getConvolutionMode() == ConvolutionMode.Truncate
                || conv.getConvolutionMode() == ConvolutionMode.Strict;
        if (!truncate || d[0] != 1 || d[1] != 1 || conv.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new UnsupportedOperationException(name + ": only NCHW convolutions in Truncate mode without dilation");
        }
        return new Geometry(k[0], k[1], s[0], s[1], p[0], p[1]);
    }

    private static void activation(String name, IActivation f, List<Layer> layers) {
        if (f instanceof ActivationIdentity) {
            return;
        }
        if (f instanceof ActivationReLU relu && relu.getMax() == null
                && (relu.getThreshold() == null || relu.getThreshold() == 0)
                && (relu.getNegativeSlope() == null || relu.getNegativeSlope() == 0)) {
            layers.add(new ReLU(name + ".relu"));
        } else if (f instanceof ActivationLReLU leaky) {
            layers.add(new LeakyReLU(name + ".lrelu", leaky.getAlpha()));
        } else if (f instanceof ActivationTanH) {
            layers.add(new Tanh(name + ".tanh"));
        } else {
            throw new UnsupportedOperationException(name + ": no native version of the activation " + f);
        }
    }

    /** One DL4J layer's parameter and gradient views by DL4J's parameter names. */
    private record Views(String layer, Map<String, INDArray> values, Map<String, INDArray> gradients) {
        Parameter get(String key) {
            INDArray value = values.get(key);
            INDArray gradient = gradients.get(key);
            if (value == null || gradient == null) {
                throw new UnsupportedOperationException(layer + " has no parameter '" + key + "'");
            }
            return new Parameter(value, gradient);
        }
    }
}
