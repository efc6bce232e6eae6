package io.gannotebooks.train;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recovers D's output from the forward pass inside {@code calculateGradients}, so D(x) and the losses
 * are known without a second pass through the convolutions.
 *
 * <p>DL4J reports the activations up to the output layer's input; the output layer itself (one sigmoid
 * unit over 8192 features) is cheap, so it is applied here once more, in inference mode, which for a
 * dense layer is the same computation.
 */
final class OutputCapture extends BaseTrainingListener {
    private double[] last;

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
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

    /** D's outputs of the latest forward pass, one probability per image. */
    double[] take() {
        double[] out = last;
        last = null;
        if (out == null) {
            throw new IllegalStateException("no forward pass was captured");
        }
        return out;
    }
}
