package io.gannotebooks.model;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The DL4J plumbing of a training step that G and D share: the optimiser's update and forgetting a batch. */
final class Training {
    private Training() {
    }

    /**
     * One optimiser step on {@code gradient}, the loss gradient summed over a batch of {@code batchSize}.
     * DL4J's updater divides it by the batch size (the design note's 1/N Σ), turns it into Adam's step in
     * place, and expects {@code params -= step}. {@code layout} is the DL4J gradient of the network's
     * latest backward pass: a flat array with per-layer views into it, the form the updater reads; the
     * step is computed in that array.
     */
    static void update(MultiLayerNetwork net, Gradient layout, INDArray gradient, int batchSize, long iteration,
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
    static void forgetBatch(MultiLayerNetwork net) {
        net.clearLayersStates();
        net.setInput(null);
        net.setLabels(null);
    }

    /** One reduction over the flat parameter vector: NaN or ±inf anywhere makes the sum non-finite. */
    static boolean finite(MultiLayerNetwork net) {
        return Double.isFinite(net.params().sumNumber().doubleValue());
    }
}
