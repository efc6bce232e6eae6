package io.gannotebooks.bench.spike;

import io.gannotebooks.backend.Backend;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * (a) The block as the project builds it today: DL4J layers (Deconvolution2D, BatchNormalization,
 * ActivationLayer) in a MultiLayerNetwork with the oneDNN helpers on, driven the way GanTrainer drives G:
 * {@code feedForward(true, false)} then {@code backpropGradient(epsilon, noWorkspaces)}.
 */
public final class Dl4jLayerBlock implements DeconvBlock {
    private final MultiLayerNetwork net;
    private final INDArray input;
    private final INDArray upstream;
    private INDArray output;
    private Pair<Gradient, INDArray> gradients;

    public Dl4jLayerBlock(BlockShape.BlockData data) {
        Backend.configure(); // before the first layer is built, or the oneDNN helpers stay off
        BlockShape s = data.shape();
        var conf = new NeuralNetConfiguration.Builder()
                .dataType(data.input().dataType())
                .updater(new NoOp())
                .list()
                .layer(new Deconvolution2D.Builder(BlockShape.KERNEL, BlockShape.KERNEL)
                        .stride(BlockShape.STRIDE, BlockShape.STRIDE).padding(BlockShape.PADDING, BlockShape.PADDING)
                        .convolutionMode(ConvolutionMode.Truncate).nOut(s.outChannels()).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().eps(BlockShape.BN_EPSILON).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .setInputType(InputType.convolutional(s.side(), s.side(), s.inChannels()))
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", data.weights());
        net.getLayer(1).setParam("gamma", data.gamma().reshape(1, s.outChannels()));
        net.getLayer(1).setParam("beta", data.beta().reshape(1, s.outChannels()));
        input = data.input();
        upstream = data.upstream();
    }

    @Override
    public String name() {
        return "DL4J layers";
    }

    @Override
    public void step() {
        net.setInput(input);
        List<INDArray> activations = net.feedForward(true, false);
        output = activations.get(activations.size() - 1);
        gradients = net.backpropGradient(upstream, LayerWorkspaceMgr.noWorkspaces());
        // as GanTrainer.forgetBatch: drop this batch's activations so the GC can free them
        net.clearLayersStates();
        net.setInput(null);
    }

    @Override
    public INDArray output() {
        return output;
    }

    @Override
    public INDArray inputGradient() {
        return gradients.getSecond();
    }

    @Override
    public INDArray weightGradient() {
        return gradients.getFirst().getGradientFor("0_W");
    }

    @Override
    public INDArray gammaGradient() {
        return gradients.getFirst().getGradientFor("1_gamma");
    }

    @Override
    public INDArray betaGradient() {
        return gradients.getFirst().getGradientFor("1_beta");
    }
}
